using Visco.Lake.Parquet;
using Visco.Lake.Parquet.Format;
using Visco.Lake.Parquet.Schema;
using Visco.Lake.Rows;
using Visco.Lake.Tests.Interop;

namespace Visco.Lake.Tests.Rows;

public sealed class MeasurementParquetTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(1000)]
    public void Read_AfterWrite_ReturnsSameRows(int rowGroupSize)
    {
        var rows = MeasurementSamples.Rows(301, seed: 1);
        using var stream = new MemoryStream();

        MeasurementParquet.Write(stream, rows, rowGroupSize: rowGroupSize);
        stream.Position = 0;
        var back = MeasurementParquet.Read(stream);

        MeasurementSamples.AssertEqual(rows, back);
    }

    [Fact]
    public void Write_NoRows_ReadsBackEmpty()
    {
        using var stream = new MemoryStream();

        MeasurementParquet.Write(stream, []);
        stream.Position = 0;

        Assert.Empty(MeasurementParquet.Read(stream));
    }

    [Fact]
    public void Read_FileWithoutOptionalColumns_FillsNulls()
    {
        var schema = new ParquetSchema(MeasurementParquet.Schema.Columns.Where(c => c.Repetition == ColumnRepetition.Required));
        using var stream = new MemoryStream();
        var rows = MeasurementSamples.Rows(3, seed: 9);
        using (var full = new MemoryStream())
        {
            MeasurementParquet.Write(full, rows);
            full.Position = 0;
            using var reader = ParquetFileReader.Open(full, "full");
            using var writer = new ParquetFileWriter(stream, schema);
            writer.WriteRowGroup([.. schema.Columns.Select(c => reader.ReadColumn(0, c.Name))]);
        }

        stream.Position = 0;
        var back = MeasurementParquet.Read(stream, "trimmed.parquet");

        Assert.All(back, r => Assert.Null(r.Hematocrit));
        Assert.All(back, r => Assert.Empty(r.ShearRate));
        Assert.Equal(rows.Select(r => r.SampleId), back.Select(r => r.SampleId));
    }

    [Fact]
    public void Read_MissingRequiredColumn_ThrowsUnsupportedNamingColumn()
    {
        var schema = new ParquetSchema(ColumnDefinition.Required("hospitalId", ColumnType.String));
        using var stream = new MemoryStream();
        using (var writer = new ParquetFileWriter(stream, schema))
        {
            writer.WriteRowGroup([new ColumnData(schema.Columns[0], new[] { "h" })]);
        }

        stream.Position = 0;
        var error = Assert.Throws<ParquetUnsupportedException>(() => MeasurementParquet.Read(stream, "old.parquet"));

        Assert.Contains("deviceId", error.Message);
        Assert.Equal("old.parquet", error.FileName);
    }

    [Fact]
    public void Labels_RoundTrip_KeepOptionalReferences()
    {
        var at = new DateTimeOffset(2026, 2, 3, 4, 5, 6, TimeSpan.Zero);
        var rows = new List<LabelRow>
        {
            new("S-1", "h1", 8.5, 4.25, "elevated", "lab-rheometer", at, "dr.a"),
            new("S-2", "h1", null, null, null, "manual", at.AddHours(1), "dr.b"),
        };
        using var stream = new MemoryStream();

        LabelParquet.Write(stream, rows);
        stream.Position = 0;

        Assert.Equal(rows, LabelParquet.Read(stream));
    }

    [InteropFact]
    public void MeasurementFile_ReadByDuckDb_HasLakeColumnsAndValues()
    {
        var rows = MeasurementSamples.Rows(120, seed: 5);
        var path = Path.Combine(Path.GetTempPath(), $"lake-measurements-{Guid.NewGuid():N}.parquet");
        try
        {
            using (var file = File.Create(path))
            {
                MeasurementParquet.Write(file, rows, new ParquetWriterOptions { Codec = CompressionCodec.Gzip }, rowGroupSize: 50);
            }

            var read = NodeTools.ReadWithDuckDb(path);

            Assert.Equal(rows.Count, read.GetArrayLength());
            for (var i = 0; i < rows.Count; i++)
            {
                var row = read[i];
                Assert.Equal(rows[i].SampleId, row.GetProperty("sampleId").GetString());
                Assert.Equal(rows[i].Sequence.ToString(System.Globalization.CultureInfo.InvariantCulture), row.GetProperty("sequence").GetString());
                Assert.Equal(rows[i].ShearStress, row.GetProperty("shearStress").EnumerateArray().Select(e => e.GetDouble()));
                Assert.Equal(rows[i].Flags, row.GetProperty("flags").EnumerateArray().Select(e => e.GetString()));
                Assert.Equal(rows[i].Class, row.GetProperty("class").GetString());
                Assert.Equal((rows[i].TakenAt.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / 10,
                    long.Parse(row.GetProperty("takenAt").GetString()!, System.Globalization.CultureInfo.InvariantCulture));
            }
        }
        finally
        {
            File.Delete(path);
        }
    }
}
