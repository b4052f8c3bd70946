using Visco.Lake.Parquet;
using Visco.Lake.Parquet.Schema;

namespace Visco.Lake.Rows;

/// <summary>The Parquet form of <see cref="LabelRow"/>: its schema and writer/reader helpers.</summary>
public static class LabelParquet
{
    /// <summary>The lake schema of labels.</summary>
    public static ParquetSchema Schema { get; } = new(
        ColumnDefinition.Required("sampleId", ColumnType.String) with { Encoding = ColumnEncoding.Plain },
        ColumnDefinition.Required("hospitalId", ColumnType.String),
        ColumnDefinition.Optional("referenceViscosityLow", ColumnType.Double),
        ColumnDefinition.Optional("referenceViscosityHigh", ColumnType.Double),
        ColumnDefinition.Optional("referenceClass", ColumnType.String),
        ColumnDefinition.Required("source", ColumnType.String),
        ColumnDefinition.Required("recordedAt", ColumnType.TimestampMicros),
        ColumnDefinition.Required("recordedBy", ColumnType.String));

    /// <summary>Writes <paramref name="rows"/> as a complete Parquet file.</summary>
    public static void Write(Stream stream, IReadOnlyList<LabelRow> rows, ParquetWriterOptions? options = null,
        int rowGroupSize = MeasurementParquet.DefaultRowGroupSize, string fileName = "(stream)")
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentOutOfRangeException.ThrowIfLessThan(rowGroupSize, 1);
        using var writer = new ParquetFileWriter(stream, Schema, options, fileName);
        for (var start = 0; start < rows.Count; start += rowGroupSize)
        {
            var slice = rows.Skip(start).Take(rowGroupSize).ToArray();
            var group = writer.BeginRowGroup(slice.Length);
            group.Write("sampleId", slice.Select(r => r.SampleId).ToArray());
            group.Write("hospitalId", slice.Select(r => r.HospitalId).ToArray());
            group.Write("referenceViscosityLow", slice.Select(r => r.ReferenceViscosityLow).ToArray());
            group.Write("referenceViscosityHigh", slice.Select(r => r.ReferenceViscosityHigh).ToArray());
            group.Write("referenceClass", slice.Select(r => r.ReferenceClass).ToArray());
            group.Write("source", slice.Select(r => r.Source).ToArray());
            group.Write("recordedAt", slice.Select(r => r.RecordedAt).ToArray());
            group.Write("recordedBy", slice.Select(r => r.RecordedBy).ToArray());
            group.Complete();
        }

        writer.Close();
    }

    /// <summary>Reads every row of a label file.</summary>
    public static List<LabelRow> Read(Stream stream, string fileName = "(stream)")
    {
        using var reader = ParquetFileReader.Open(stream, fileName, leaveOpen: true);
        var rows = new List<LabelRow>();
        for (var g = 0; g < reader.RowGroupCount; g++)
        {
            using var c = new RowColumns(reader, g);
            var sample = c.RequiredStrings("sampleId");
            var hospital = c.RequiredStrings("hospitalId");
            var low = c.Doubles("referenceViscosityLow");
            var high = c.Doubles("referenceViscosityHigh");
            var referenceClass = c.Strings("referenceClass");
            var source = c.RequiredStrings("source");
            var recordedAt = c.RequiredTimes("recordedAt");
            var recordedBy = c.RequiredStrings("recordedBy");
            try
            {
                for (var i = 0; i < c.RowCount; i++)
                {
                    rows.Add(new LabelRow(sample.Required(i), hospital.Required(i), low.TryNext(out var l) ? l : null,
                        high.TryNext(out var h) ? h : null, referenceClass.TryNext(out var r) ? r : null, source.Required(i),
                        recordedAt.Required(i), recordedBy.Required(i)));
                }
            }
            catch (InvalidDataException e)
            {
                throw c.Corrupt(e);
            }
        }

        return rows;
    }
}
