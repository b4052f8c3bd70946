using Visco.Lake.Parquet;
using Visco.Lake.Parquet.Schema;

namespace Visco.Lake.Rows;

/// <summary>
/// Reads columns of a row group tolerantly, so lake files rewritten by other tools (pyarrow makes every column
/// optional and list elements nullable) or by older/newer versions of ours still map onto rows: optional columns may
/// be missing, required ones must be present and non-null.
/// </summary>
internal sealed class RowColumns(ParquetFileReader reader, int rowGroup)
{
    public int RowCount { get; } = checked((int)reader.GetRowGroupRowCount(rowGroup));

    public string[] RequiredStrings(string name) => Required(Strings(name, required: true), name);

    public string?[] Strings(string name, bool required = false) =>
        Read(name, required, ColumnType.String) is { } data ? data.GetValues<string?>() : new string?[RowCount];

    public double[] RequiredDoubles(string name) => Read(name, true, ColumnType.Double) switch
    {
        { Values: double[] v } => v,
        var data => Required(data!.GetValues<double?>(), name),
    };

    public double?[] Doubles(string name, bool required = false) => Read(name, required, ColumnType.Double) switch
    {
        null => new double?[RowCount],
        { Values: double[] v } => Array.ConvertAll(v, x => (double?)x),
        var data => data.GetValues<double?>(),
    };

    public long[] RequiredLongs(string name) => Read(name, true, ColumnType.Int64) switch
    {
        { Values: long[] v } => v,
        var data => Required(data!.GetValues<long?>(), name),
    };

    public DateTimeOffset[] RequiredTimes(string name) => Read(name, true, ColumnType.TimestampMicros, ColumnType.TimestampMillis) switch
    {
        { Values: DateTimeOffset[] v } => v,
        var data => Required(data!.GetValues<DateTimeOffset?>(), name),
    };

    /// <summary>A list column as one array per row (null lists become empty; null elements NaN).</summary>
    public double[][] DoubleLists(string name) => Lists<double>(name, ColumnType.Double, v => v switch
    {
        double[] d => d,
        double?[] n => Array.ConvertAll(n, x => x ?? double.NaN),
        _ => throw Mismatch(name),
    });

    /// <summary>A list column as one array per row (null lists become empty; null elements empty strings).</summary>
    public string[][] StringLists(string name) => Lists<string>(name, ColumnType.String, v => v switch
    {
        string?[] s when Array.IndexOf(s, null) < 0 => (string[])(object)s,
        string?[] s => Array.ConvertAll(s, x => x ?? string.Empty),
        _ => throw Mismatch(name),
    });

    private T[][] Lists<T>(string name, ColumnType type, Func<Array, T[]> elements)
    {
        var data = Read(name, required: false, type);
        var result = new T[RowCount][];
        if (data?.Offsets is not { } offsets)
        {
            Array.Fill(result, []);
            return result;
        }

        var values = elements(data.Values);
        for (var r = 0; r < RowCount; r++)
        {
            // Empty lists share one empty array: most rows carry no flags.
            result[r] = offsets[r + 1] == offsets[r] ? [] : values[offsets[r]..offsets[r + 1]];
        }

        return result;
    }

    private ColumnData? Read(string name, bool required, params ColumnType[] types)
    {
        var index = reader.Schema.IndexOf(name);
        if (index < 0)
        {
            return required
                ? throw new ParquetUnsupportedException(reader.FileName, $"required column '{name}' is missing")
                : null;
        }

        var column = reader.Schema.Columns[index];
        var widened = column.Type == ColumnType.Int32 && types.Contains(ColumnType.Int64);
        if (!types.Contains(column.Type) && !widened)
        {
            throw new ParquetUnsupportedException(reader.FileName, $"column '{name}' is {column.Type}, expected {string.Join(" or ", types)}");
        }

        var data = reader.ReadColumn(rowGroup, index);
        return widened ? Widen(data) : data;
    }

    private static ColumnData Widen(ColumnData data)
    {
        var column = data.Column with { Type = ColumnType.Int64 };
        return data.Values switch
        {
            int[] v => new ColumnData(column, Array.ConvertAll(v, x => (long)x), data.Offsets, data.NullLists),
            int?[] v => new ColumnData(column, Array.ConvertAll(v, x => (long?)x), data.Offsets, data.NullLists),
            _ => data,
        };
    }

    private T[] Required<T>(T?[] values, string name)
        where T : struct
    {
        var result = new T[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            result[i] = values[i] ?? throw NullIn(name, i);
        }

        return result;
    }

    private string[] Required(string?[] values, string name)
    {
        for (var i = 0; i < values.Length; i++)
        {
            if (values[i] is null)
            {
                throw NullIn(name, i);
            }
        }

        return values!;
    }

    private ParquetFormatException NullIn(string name, int row) =>
        new(reader.FileName, $"required column '{name}' is null in row {row} of row group {rowGroup}");

    private ParquetUnsupportedException Mismatch(string name) =>
        new(reader.FileName, $"list column '{name}' has an unexpected element type");
}
