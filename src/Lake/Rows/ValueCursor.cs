namespace Visco.Lake.Rows;

/// <summary>
/// Walks a single-valued column of a row group row by row, straight from its dense values and definition levels (no
/// per-row array of nullable values in between). Rows must be asked for in order, each once.
/// </summary>
internal sealed class ValueCursor<T>
{
    private readonly T[] _dense;
    private readonly int[]? _definition;
    private readonly int _presentLevel;
    private readonly bool _absent;
    private int _level;
    private int _value;

    /// <summary>A cursor over <paramref name="dense"/>; with <paramref name="definition"/> a row is present when its level is <paramref name="presentLevel"/>.</summary>
    public ValueCursor(string name, T[] dense, int[]? definition, int presentLevel)
    {
        Name = name;
        _dense = dense;
        _definition = definition;
        _presentLevel = presentLevel;
    }

    private ValueCursor()
    {
        Name = "(absent)";
        _dense = [];
        _absent = true;
    }

    /// <summary>A column the file does not have: every row is null.</summary>
    public static ValueCursor<T> Absent { get; } = new();

    /// <summary>The column's name, for errors.</summary>
    public string Name { get; }

    /// <summary>The next row's value, which must not be null.</summary>
    public T Required(int row) =>
        TryNext(out var value) ? value : throw new InvalidDataException($"required column '{Name}' is null in row {row}");

    /// <summary>The next row's value, or false when it is null.</summary>
    public bool TryNext(out T value)
    {
        if (_definition is null)
        {
            if (!_absent)
            {
                value = _dense[_value++];
                return true;
            }
        }
        else if (_definition[_level++] == _presentLevel)
        {
            value = _dense[_value++];
            return true;
        }

        value = default!;
        return false;
    }
}
