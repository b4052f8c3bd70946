using Visco.Lake.Parquet;
using Visco.Lake.Parquet.Schema;

namespace Visco.Lake.Rows;

/// <summary>
/// The Parquet form of <see cref="MeasurementRow"/>: its schema and writer/reader helpers. Column names are the
/// camelCase names of the JSON payloads so lake queries read like the API. Ids, model version and class are
/// dictionary-encoded (few distinct values per file), sample ids and hashes PLAIN, timestamps microseconds UTC, and the
/// sweeps standard Parquet lists of doubles.
/// </summary>
public static class MeasurementParquet
{
    /// <summary>Rows per row group unless told otherwise: large enough for GZIP to work well, small enough to bound memory.</summary>
    public const int DefaultRowGroupSize = 100_000;

    /// <summary>The lake schema of measurements.</summary>
    public static ParquetSchema Schema { get; } = new(
        ColumnDefinition.Required("hospitalId", ColumnType.String),
        ColumnDefinition.Required("deviceId", ColumnType.String),
        ColumnDefinition.Required("sampleId", ColumnType.String),
        ColumnDefinition.Required("sequence", ColumnType.Int64),
        ColumnDefinition.Required("takenAt", ColumnType.TimestampMicros),
        ColumnDefinition.Required("receivedAt", ColumnType.TimestampMicros),
        ColumnDefinition.Required("temperatureC", ColumnType.Double),
        ColumnDefinition.Optional("hematocrit", ColumnType.Double),
        ColumnDefinition.Optional("firmware", ColumnType.String),
        ColumnDefinition.List("shearRate", ColumnType.Double),
        ColumnDefinition.List("shearStress", ColumnType.Double),
        ColumnDefinition.Required("modelVersion", ColumnType.String),
        ColumnDefinition.Required("inputHash", ColumnType.String) with { Encoding = ColumnEncoding.Plain },
        ColumnDefinition.Required("viscosityLow", ColumnType.Double),
        ColumnDefinition.Required("viscosityHigh", ColumnType.Double),
        ColumnDefinition.Required("class", ColumnType.String),
        ColumnDefinition.Required("confidence", ColumnType.Double),
        ColumnDefinition.List("flags", ColumnType.String),
        ColumnDefinition.Required("processedAt", ColumnType.TimestampMicros));

    /// <summary>Writes <paramref name="rows"/> as a complete Parquet file in row groups of <paramref name="rowGroupSize"/>.</summary>
    public static void Write(Stream stream, IReadOnlyList<MeasurementRow> rows, ParquetWriterOptions? options = null,
        int rowGroupSize = DefaultRowGroupSize, string fileName = "(stream)")
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentOutOfRangeException.ThrowIfLessThan(rowGroupSize, 1);
        using var writer = new ParquetFileWriter(stream, Schema, options, fileName);
        for (var start = 0; start < rows.Count; start += rowGroupSize)
        {
            WriteRowGroup(writer, rows, start, Math.Min(rowGroupSize, rows.Count - start));
        }

        writer.Close();
    }

    /// <summary>Writes the given rows of <paramref name="columns"/>, in the order given, as a Parquet file of one row group.</summary>
    public static void Write(Stream stream, MeasurementColumns columns, IReadOnlyList<int> rows, ParquetWriterOptions? options = null,
        string fileName = "(stream)")
    {
        ArgumentNullException.ThrowIfNull(rows);
        using var writer = new ParquetFileWriter(stream, Schema, options, fileName);
        if (rows.Count > 0)
        {
            WriteRowGroup(writer, columns, rows);
        }

        writer.Close();
    }

    /// <summary>Reads every row of a measurement file.</summary>
    public static List<MeasurementRow> Read(Stream stream, string fileName = "(stream)")
    {
        using var reader = ParquetFileReader.Open(stream, fileName, leaveOpen: true);
        var rows = new List<MeasurementRow>(checked((int)reader.RowCount));
        for (var g = 0; g < reader.RowGroupCount; g++)
        {
            rows.AddRange(ReadRowGroup(reader, g));
        }

        return rows;
    }

    /// <summary>
    /// Reads one row group (memory bounded by the group) as an array. Each row is built straight from the decoded
    /// pages: the row's own objects are its record, its two sweep arrays and its distinct strings. A caller that
    /// handles rows one at a time should prefer <see cref="ReadRows"/>: rows that are not all kept alive together are
    /// far cheaper for the garbage collector than a group's worth held in one array.
    /// </summary>
    public static MeasurementRow[] ReadRowGroup(ParquetFileReader reader, int rowGroup)
    {
        ArgumentNullException.ThrowIfNull(reader);
        using var rows = new MeasurementRowReader(reader, rowGroup);
        var result = new MeasurementRow[rows.RowCount];
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = rows.Next();
        }

        return result;
    }

    /// <summary>
    /// Streams the rows of the given row groups (all by default) in order, one at a time: memory is bounded by one row
    /// group's decoded columns, whatever the caller keeps. Errors surface as the enumeration reaches them.
    /// </summary>
    public static IEnumerable<MeasurementRow> ReadRows(ParquetFileReader reader, IEnumerable<int>? rowGroups = null)
    {
        ArgumentNullException.ThrowIfNull(reader);
        return Enumerate(reader, rowGroups ?? Enumerable.Range(0, reader.RowGroupCount));

        static IEnumerable<MeasurementRow> Enumerate(ParquetFileReader reader, IEnumerable<int> rowGroups)
        {
            foreach (var g in rowGroups)
            {
                using var rows = new MeasurementRowReader(reader, g);
                while (!rows.IsComplete)
                {
                    yield return rows.Next();
                }
            }
        }
    }

    /// <summary>
    /// Appends <paramref name="count"/> rows from <paramref name="start"/> as one row group of an open file (whose
    /// schema is <see cref="Schema"/>), so a caller can stream batches into one file without holding them all.
    /// </summary>
    public static void WriteRowGroup(ParquetFileWriter writer, IReadOnlyList<MeasurementRow> rows, int start, int count)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(rows);
        if (start < 0 || count < 1 || start + count > rows.Count)
        {
            throw new ArgumentOutOfRangeException(nameof(count), $"rows {start}..{start + count} are not within the {rows.Count} given");
        }

        var columns = new MeasurementColumns();
        for (var i = 0; i < count; i++)
        {
            columns.Add(rows[start + i]);
        }

        WriteRowGroup(writer, columns, [.. Enumerable.Range(0, count)]);
    }

    /// <summary>Appends the given rows of <paramref name="columns"/>, in the order given, as one row group of an open file.</summary>
    public static void WriteRowGroup(ParquetFileWriter writer, MeasurementColumns columns, IReadOnlyList<int> rows)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(rows);
        var group = writer.BeginRowGroup(rows.Count);
        group.Write("hospitalId", columns.Texts(rows, v => v.Hospital));
        group.Write("deviceId", columns.Texts(rows, v => v.Device));
        group.Write("sampleId", columns.SampleIds(rows));
        group.Write("sequence", columns.Values(rows, v => v.Sequence));
        group.Write("takenAt", columns.Values(rows, v => v.TakenAt));
        group.Write("receivedAt", columns.Values(rows, v => v.ReceivedAt));
        group.Write("temperatureC", columns.Values(rows, v => v.TemperatureC));
        group.Write("hematocrit", columns.Values(rows, v => v.Hematocrit));
        group.Write("firmware", columns.Texts(rows, v => v.Firmware));
        var (shearRates, shearRateOffsets) = columns.ShearRates(rows);
        group.WriteList("shearRate", shearRates, shearRateOffsets);
        var (shearStresses, shearStressOffsets) = columns.ShearStresses(rows);
        group.WriteList("shearStress", shearStresses, shearStressOffsets);
        group.Write("modelVersion", columns.Texts(rows, v => v.Model));
        group.Write("inputHash", columns.InputHashes(rows));
        group.Write("viscosityLow", columns.Values(rows, v => v.ViscosityLow));
        group.Write("viscosityHigh", columns.Values(rows, v => v.ViscosityHigh));
        group.Write("class", columns.Texts(rows, v => v.Class));
        group.Write("confidence", columns.Values(rows, v => v.Confidence));
        var (flags, flagOffsets) = columns.Flags(rows);
        group.WriteList("flags", flags, flagOffsets);
        group.Write("processedAt", columns.Values(rows, v => v.ProcessedAt));
        group.Complete();
    }
}
