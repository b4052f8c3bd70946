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

        var group = writer.BeginRowGroup(count);
        MeasurementRow Row(int i) => rows[start + i];
        group.Write("hospitalId", Column(count, i => Row(i).HospitalId));
        group.Write("deviceId", Column(count, i => Row(i).DeviceId));
        group.Write("sampleId", Column(count, i => Row(i).SampleId));
        group.Write("sequence", Column(count, i => Row(i).Sequence));
        group.Write("takenAt", Column(count, i => Row(i).TakenAt));
        group.Write("receivedAt", Column(count, i => Row(i).ReceivedAt));
        group.Write("temperatureC", Column(count, i => Row(i).TemperatureC));
        group.Write("hematocrit", Column(count, i => Row(i).Hematocrit));
        group.Write("firmware", Column(count, i => Row(i).Firmware));
        WriteList(group, "shearRate", count, i => Row(i).ShearRate);
        WriteList(group, "shearStress", count, i => Row(i).ShearStress);
        group.Write("modelVersion", Column(count, i => Row(i).ModelVersion));
        group.Write("inputHash", Column(count, i => Row(i).InputHash));
        group.Write("viscosityLow", Column(count, i => Row(i).ViscosityLow));
        group.Write("viscosityHigh", Column(count, i => Row(i).ViscosityHigh));
        group.Write("class", Column(count, i => Row(i).Class));
        group.Write("confidence", Column(count, i => Row(i).Confidence));
        WriteList(group, "flags", count, i => Row(i).Flags);
        group.Write("processedAt", Column(count, i => Row(i).ProcessedAt));
        group.Complete();
    }

    private static T[] Column<T>(int count, Func<int, T> value)
    {
        var result = new T[count];
        for (var i = 0; i < count; i++)
        {
            result[i] = value(i);
        }

        return result;
    }

    private static void WriteList<T>(RowGroupWriter group, string name, int count, Func<int, T[]?> list)
    {
        var offsets = new int[count + 1];
        for (var i = 0; i < count; i++)
        {
            offsets[i + 1] = offsets[i] + (list(i)?.Length ?? 0);
        }

        var values = new T[offsets[count]];
        bool[]? nulls = null;
        for (var i = 0; i < count; i++)
        {
            if (list(i) is { } items)
            {
                items.CopyTo(values, offsets[i]);
            }
            else
            {
                (nulls ??= new bool[count])[i] = true;
            }
        }

        group.WriteList(name, values, offsets, nulls);
    }
}
