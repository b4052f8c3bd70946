using Visco.Lake.Parquet;
using Visco.Lake.Parquet.Chunks;
using Visco.Lake.Parquet.Schema;

namespace Visco.Lake.Rows;

/// <summary>
/// Reads the columns of one row group as cursors that hand out values row by row, so a row reader builds each
/// object straight from the decoded pages: the dense values and levels are rented and go back on
/// <see cref="Dispose"/>, and nothing per column reaches the large-object heap. Dictionary strings come out of the
/// chunk's dictionary, decoded once per entry and shared by every row that uses them.
/// <para>
/// Tolerant of lake files rewritten by other tools (pyarrow makes every column optional and list elements nullable)
/// or by older/newer versions of ours: optional columns may be missing, INT32 widens to INT64, timestamps may be
/// milliseconds; required ones must be present and non-null. Values whose levels or nulls contradict the row group
/// raise <see cref="InvalidDataException"/> from the cursors; <see cref="Corrupt"/> names the file and row group.
/// </para>
/// </summary>
internal sealed class RowColumns(ParquetFileReader reader, int rowGroup) : IDisposable
{
    private readonly List<ShreddedColumn> _rented = [];

    public int RowCount { get; } = checked((int)reader.GetRowGroupRowCount(rowGroup));

    public ValueCursor<string> RequiredStrings(string name) => Values<string>(name, required: true, ColumnType.String);

    public ValueCursor<string> Strings(string name) => Values<string>(name, required: false, ColumnType.String);

    public ValueCursor<double> RequiredDoubles(string name) => Values<double>(name, required: true, ColumnType.Double);

    public ValueCursor<double> Doubles(string name) => Values<double>(name, required: false, ColumnType.Double);

    public ValueCursor<long> RequiredLongs(string name) => Values<long>(name, required: true, ColumnType.Int64);

    public TimeCursor RequiredTimes(string name)
    {
        var type = Find(name, required: true, ColumnType.TimestampMicros, ColumnType.TimestampMillis)!.Type;
        return new TimeCursor(Values<long>(name, required: true, type), Timestamps.TicksPerUnit(type));
    }

    /// <summary>A list column (null lists become empty; null elements NaN).</summary>
    public ListCursor<double> DoubleLists(string name) => Lists(name, ColumnType.Double, double.NaN);

    /// <summary>A list column (null lists become empty; null elements empty strings).</summary>
    public ListCursor<string> StringLists(string name) => Lists(name, ColumnType.String, string.Empty);

    /// <summary>The error for data that contradicts itself, naming the file and the row group.</summary>
    public ParquetFormatException Corrupt(InvalidDataException e) =>
        new(reader.FileName, $"row group {rowGroup}: {e.Message}", e);

    /// <summary>Returns every rented array.</summary>
    public void Dispose()
    {
        foreach (var column in _rented)
        {
            column.Return();
        }

        _rented.Clear();
    }

    private ValueCursor<T> Values<T>(string name, bool required, params ColumnType[] types)
    {
        if (Find(name, required, types) is not { } column)
        {
            return ValueCursor<T>.Absent;
        }

        if (column.Repetition == ColumnRepetition.List)
        {
            throw new ParquetUnsupportedException(reader.FileName, $"column '{name}' is a list, expected one value per row");
        }

        var shredded = Read(name);
        var expected = column.Repetition == ColumnRepetition.Required ? shredded.ValueCount : shredded.LevelCount;
        if (expected != RowCount)
        {
            throw Corrupt(new InvalidDataException($"column '{name}' holds {expected} rows; its row group has {RowCount}"));
        }

        var dense = shredded.Dense is int[] narrow && typeof(T) == typeof(long)
            ? Array.ConvertAll(narrow[..shredded.ValueCount], x => (long)x)
            : shredded.Dense;
        return new ValueCursor<T>(name, (T[])dense, shredded.Definition, column.MaxDefinitionLevel);
    }

    private ListCursor<T> Lists<T>(string name, ColumnType type, T fill)
    {
        if (Find(name, required: false, type) is not { } column)
        {
            return ListCursor<T>.Absent;
        }

        if (column.Repetition != ColumnRepetition.List)
        {
            throw new ParquetUnsupportedException(reader.FileName, $"column '{name}' is {column.Repetition}, expected a list");
        }

        var shredded = Read(name);
        return new ListCursor<T>((T[])shredded.Dense, shredded.Definition!, shredded.Repetition!, shredded.LevelCount,
            column.ListElementLevel, column.MaxDefinitionLevel, fill);
    }

    private ShreddedColumn Read(string name)
    {
        var shredded = reader.ReadShredded(rowGroup, reader.Schema.IndexOf(name), pooled: true);
        _rented.Add(shredded);
        return shredded;
    }

    private ColumnDefinition? Find(string name, bool required, params ColumnType[] types)
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
        return types.Contains(column.Type) || widened
            ? column
            : throw new ParquetUnsupportedException(reader.FileName, $"column '{name}' is {column.Type}, expected {string.Join(" or ", types)}");
    }
}
