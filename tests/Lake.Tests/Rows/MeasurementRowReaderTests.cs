using Visco.Lake.Parquet;
using Visco.Lake.Parquet.Format;
using Visco.Lake.Parquet.Schema;
using Visco.Lake.Rows;

namespace Visco.Lake.Tests.Rows;

/// <summary>
/// The row reader maps decoded pages straight onto <see cref="MeasurementRow"/>s: files rewritten by other tools
/// (every column optional, nullable list elements, INT32 sequences, millisecond timestamps) still map, and corrupt
/// or contradictory data is a <see cref="ParquetException"/> naming the file, never another exception.
/// </summary>
public sealed class MeasurementRowReaderTests
{
    [Fact]
    public void ReadRows_SeveralRowGroups_StreamsTheSameRowsAsRead()
    {
        var rows = MeasurementSamples.Rows(230, seed: 11);
        using var stream = new MemoryStream();
        MeasurementParquet.Write(stream, rows, rowGroupSize: 50);
        stream.Position = 0;
        using var reader = ParquetFileReader.Open(stream, "groups.parquet", leaveOpen: true);

        var all = MeasurementParquet.ReadRows(reader).ToList();
        var lastTwo = MeasurementParquet.ReadRows(reader, [3, 4]).ToList();

        Assert.Equal(5, reader.RowGroupCount);
        MeasurementSamples.AssertEqual(rows, all);
        MeasurementSamples.AssertEqual(rows.Skip(150).ToList(), lastTwo);
    }

    [Fact]
    public void ReadRows_StoppedHalfway_ThenReadAgain_SameRows()
    {
        // Leaving an enumeration early returns its rented buffers (Dispose of the enumerator); nothing leaks into the next read.
        var rows = MeasurementSamples.Rows(60, seed: 12);
        using var stream = new MemoryStream();
        MeasurementParquet.Write(stream, rows, rowGroupSize: 25);
        stream.Position = 0;
        using var reader = ParquetFileReader.Open(stream, "halfway.parquet", leaveOpen: true);

        var firstTen = MeasurementParquet.ReadRows(reader).Take(10).ToList();
        var all = MeasurementParquet.ReadRows(reader).ToList();

        MeasurementSamples.AssertEqual(rows.Take(10).ToList(), firstTen);
        MeasurementSamples.AssertEqual(rows, all);
    }

    [Fact]
    public void Read_EveryColumnOptionalAndListElementsNullable_ReadsSameRows()
    {
        var rows = MeasurementSamples.Rows(40, seed: 4);
        var file = Rewrite(rows, Loosen);

        var back = MeasurementParquet.Read(new MemoryStream(file), "pyarrow.parquet");

        MeasurementSamples.AssertEqual(rows, back);
    }

    [Fact]
    public void Read_NullListElements_BecomeNaNAndEmptyStrings()
    {
        var rows = MeasurementSamples.Rows(6, seed: 5);
        var file = Rewrite(rows, data => data.Column.Name switch
        {
            "shearRate" => NullElement(Loosen(data), 2),
            "flags" => NullElement(Loosen(data), 0),
            _ => Loosen(data),
        });

        var back = MeasurementParquet.Read(new MemoryStream(file), "nulls.parquet");

        Assert.True(double.IsNaN(back[0].ShearRate[2]));
        Assert.Equal(rows[0].ShearRate[3], back[0].ShearRate[3]);
        Assert.Equal(10, back[0].ShearRate.Length);
        var firstWithFlags = back.First(r => r.Flags.Length > 0);
        Assert.Equal(string.Empty, firstWithFlags.Flags[0]);
    }

    [Fact]
    public void Read_NullInRequiredColumn_ThrowsFormatExceptionNamingColumnAndFile()
    {
        var rows = MeasurementSamples.Rows(5, seed: 6);
        var file = Rewrite(rows, data =>
        {
            var loose = Loosen(data);
            if (data.Column.Name == "deviceId")
            {
                ((string?[])loose.Values)[3] = null;
            }

            return loose;
        });

        var error = Assert.Throws<ParquetFormatException>(() => MeasurementParquet.Read(new MemoryStream(file), "holes.parquet"));

        Assert.Equal("holes.parquet", error.FileName);
        Assert.Contains("'deviceId' is null in row 3", error.Message);
    }

    [Fact]
    public void Read_Int32SequenceAndMillisecondTimes_Widen()
    {
        var rows = MeasurementSamples.Rows(8, seed: 8).Select(r => r with
        {
            TakenAt = r.TakenAt.AddTicks(-(r.TakenAt.Ticks % TimeSpan.TicksPerMillisecond)),
        }).ToList();
        var file = Rewrite(rows, data => data.Column.Name switch
        {
            "sequence" => new ColumnData(data.Column with { Type = ColumnType.Int32 }, Array.ConvertAll(data.GetValues<long>(), v => (int)v)),
            "takenAt" => new ColumnData(data.Column with { Type = ColumnType.TimestampMillis }, data.Values),
            _ => data,
        });

        var back = MeasurementParquet.Read(new MemoryStream(file), "narrow.parquet");

        MeasurementSamples.AssertEqual(rows, back);
    }

    [Fact]
    public void Read_ListColumnWhereOneValueExpected_ThrowsUnsupported()
    {
        var rows = MeasurementSamples.Rows(3, seed: 2);
        var file = Rewrite(rows, data => data.Column.Name == "confidence"
            ? new ColumnData(ColumnDefinition.List("confidence", ColumnType.Double), data.Values, [0, 1, 2, 3])
            : data);

        var error = Assert.Throws<ParquetUnsupportedException>(() => MeasurementParquet.Read(new MemoryStream(file), "odd.parquet"));

        Assert.Contains("'confidence' is a list", error.Message);
    }

    [Theory]
    [InlineData(CompressionCodec.Uncompressed)]
    [InlineData(CompressionCodec.Gzip)]
    public void Read_EverySingleByteCorruption_SucceedsOrThrowsParquetException(CompressionCodec codec)
    {
        // Without page CRCs corrupt levels and values reach the row reader; it must refuse them as Parquet errors.
        var rows = MeasurementSamples.Rows(12, seed: 3);
        using var stream = new MemoryStream();
        MeasurementParquet.Write(stream, rows, new ParquetWriterOptions { Codec = codec, WritePageCrc = false, DataPageRowCount = 5 });
        var file = stream.ToArray();

        for (var i = 0; i < file.Length; i++)
        {
            foreach (var flip in new byte[] { 0x01, 0x80, 0xFF })
            {
                var corrupt = (byte[])file.Clone();
                corrupt[i] ^= flip;
                try
                {
                    MeasurementParquet.Read(new MemoryStream(corrupt), "flipped.parquet");
                }
                catch (ParquetException e)
                {
                    Assert.Equal("flipped.parquet", e.FileName);
                }

                try
                {
                    using var reader = ParquetFileReader.Open(new MemoryStream(corrupt), "flipped.parquet");
                    _ = MeasurementParquet.ReadRows(reader).Count();
                }
                catch (ParquetException e)
                {
                    Assert.Equal("flipped.parquet", e.FileName);
                }
            }
        }
    }

    /// <summary>Writes <paramref name="rows"/>, then rewrites the file column by column through <paramref name="map"/>.</summary>
    private static byte[] Rewrite(List<MeasurementRow> rows, Func<ColumnData, ColumnData> map)
    {
        using var original = new MemoryStream();
        MeasurementParquet.Write(original, rows);
        original.Position = 0;
        using var reader = ParquetFileReader.Open(original, "original");
        var columns = reader.ReadRowGroup(0).Select(map).ToList();
        using var output = new MemoryStream();
        using (var writer = new ParquetFileWriter(output, new ParquetSchema(columns.Select(c => c.Column))))
        {
            writer.WriteRowGroup(columns);
        }

        return output.ToArray();
    }

    /// <summary>The column as pyarrow writes it: optional, and list elements nullable.</summary>
    private static ColumnData Loosen(ColumnData data)
    {
        if (data.Column.Repetition == ColumnRepetition.List)
        {
            return new ColumnData(data.Column with { ElementsNullable = true }, Nullable(data.Values), data.Offsets, data.NullLists);
        }

        return new ColumnData(data.Column with { Repetition = ColumnRepetition.Optional }, Nullable(data.Values));
    }

    private static Array Nullable(Array values) => values switch
    {
        double[] v => Array.ConvertAll(v, x => (double?)x),
        long[] v => Array.ConvertAll(v, x => (long?)x),
        DateTimeOffset[] v => Array.ConvertAll(v, x => (DateTimeOffset?)x),
        _ => values,
    };

    /// <summary>Sets element <paramref name="index"/> of the first row holding one to null.</summary>
    private static ColumnData NullElement(ColumnData data, int index)
    {
        var row = Enumerable.Range(0, data.RowCount).First(r => data.Offsets![r + 1] - data.Offsets[r] > index);
        data.Values.SetValue(null, data.Offsets![row] + index);
        return data;
    }
}
