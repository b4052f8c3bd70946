using Visco.Lake.Parquet.Schema;

namespace Visco.Lake.Parquet;

/// <summary>
/// The values of one column in one row group, as plain CLR arrays; what <see cref="RowGroupWriter"/> takes and
/// <see cref="ParquetFileReader"/> returns.
/// <list type="bullet">
/// <item>Required: <c>T[]</c> (double[], long[], int[], float[], bool[], string[], DateTimeOffset[]).</item>
/// <item>Optional: <c>T?[]</c> for value types, <c>string?[]</c> for strings.</item>
/// <item>List: the elements of all rows flattened into <see cref="Values"/> (<c>T[]</c>, or <c>T?[]</c> when elements
/// are nullable), <see cref="Offsets"/> with one entry per row plus one (row r holds
/// <c>Values[Offsets[r]..Offsets[r+1]]</c>), and <see cref="NullLists"/> marking rows whose list is null rather than
/// empty.</item>
/// </list>
/// </summary>
public sealed class ColumnData
{
    /// <summary>Creates column data and checks the arrays against the column's type and shape.</summary>
    public ColumnData(ColumnDefinition column, Array values, int[]? offsets = null, bool[]? nullLists = null)
    {
        ArgumentNullException.ThrowIfNull(column);
        ArgumentNullException.ThrowIfNull(values);
        Column = column;
        Values = values;
        Offsets = offsets;
        NullLists = nullLists;
        Validate();
    }

    /// <summary>The column.</summary>
    public ColumnDefinition Column { get; }

    /// <summary>The values (see the type summary for the array type per shape).</summary>
    public Array Values { get; }

    /// <summary>List offsets: row count + 1 entries, starting at 0 and ending at <see cref="Values"/>.Length.</summary>
    public int[]? Offsets { get; }

    /// <summary>Rows whose list is null (lists only; null when no list is null).</summary>
    public bool[]? NullLists { get; }

    /// <summary>The number of rows.</summary>
    public int RowCount => Offsets is null ? Values.Length : Offsets.Length - 1;

    /// <summary>The values as <typeparamref name="T"/>[] (e.g. <c>double[]</c>, <c>double?[]</c>, <c>string[]</c>).</summary>
    public T[] GetValues<T>() => Values as T[] ?? throw new InvalidCastException(
        $"column '{Column.Name}' holds {Values.GetType().Name}, not {typeof(T).Name}[]");

    /// <summary>The CLR type of one value of <paramref name="type"/>.</summary>
    public static Type ClrTypeOf(ColumnType type) => type switch
    {
        ColumnType.Boolean => typeof(bool),
        ColumnType.Int32 => typeof(int),
        ColumnType.Int64 => typeof(long),
        ColumnType.Float => typeof(float),
        ColumnType.Double => typeof(double),
        ColumnType.String => typeof(string),
        _ => typeof(DateTimeOffset),
    };

    /// <summary>The array element type expected for a column's <see cref="Values"/>.</summary>
    public static Type ElementTypeOf(ColumnDefinition column)
    {
        ArgumentNullException.ThrowIfNull(column);
        var clr = ClrTypeOf(column.Type);
        var nullable = column.Repetition == ColumnRepetition.Optional ||
            (column.Repetition == ColumnRepetition.List && column.ElementsNullable);
        return nullable && clr.IsValueType ? typeof(Nullable<>).MakeGenericType(clr) : clr;
    }

    private void Validate()
    {
        var expected = ElementTypeOf(Column);
        if (Values.GetType().GetElementType() != expected || Values.Rank != 1)
        {
            throw new ArgumentException(
                $"column '{Column.Name}' ({Column.Repetition} {Column.Type}) takes {expected.Name}[], not {Values.GetType().Name}");
        }

        var nullStringsAllowed = Column.Repetition == ColumnRepetition.Optional ||
            (Column.Repetition == ColumnRepetition.List && Column.ElementsNullable);
        if (Values is string?[] strings && !nullStringsAllowed && Array.IndexOf(strings, null) is var at and >= 0)
        {
            throw new ArgumentException($"column '{Column.Name}' is required but value {at} is null");
        }

        if (Column.Repetition != ColumnRepetition.List)
        {
            if (Offsets is not null || NullLists is not null)
            {
                throw new ArgumentException($"column '{Column.Name}' is not a list; offsets are for lists");
            }

            return;
        }

        ValidateList();
    }

    private void ValidateList()
    {
        if (Offsets is null || Offsets.Length == 0 || Offsets[0] != 0 || Offsets[^1] != Values.Length)
        {
            throw new ArgumentException(
                $"list column '{Column.Name}' needs offsets of row count + 1 entries from 0 to the element count {Values.Length}");
        }

        for (var r = 0; r + 1 < Offsets.Length; r++)
        {
            if (Offsets[r + 1] < Offsets[r])
            {
                throw new ArgumentException($"list column '{Column.Name}': offsets decrease at row {r}");
            }
        }

        if (NullLists is null)
        {
            return;
        }

        if (NullLists.Length != RowCount)
        {
            throw new ArgumentException($"list column '{Column.Name}': {NullLists.Length} null flags for {RowCount} rows");
        }

        for (var r = 0; r < NullLists.Length; r++)
        {
            if (NullLists[r] && (!Column.ListNullable || Offsets[r + 1] != Offsets[r]))
            {
                throw new ArgumentException(
                    $"list column '{Column.Name}': row {r} is null but the list is not nullable or holds elements");
            }
        }
    }
}
