namespace Visco.Lake.Rows;

/// <summary>
/// Walks a list column (the standard 3-level LIST) row by row, copying each row's elements from the dense values into
/// an array of its own: no flattened copy and no offsets in between. Null and empty lists give one shared empty array,
/// null elements <c>fill</c>. Levels that do not describe whole rows raise <see cref="InvalidDataException"/>.
/// </summary>
internal sealed class ListCursor<T>
{
    private readonly T[] _dense;
    private readonly int[] _definition;
    private readonly int[] _repetition;
    private readonly int _levels;
    private readonly int _elementLevel;
    private readonly int _presentLevel;
    private readonly T _fill;
    private readonly bool _absent;
    private int _level;
    private int _value;

    /// <summary>A cursor over a list column's levels (<paramref name="levels"/> of them) and dense element values.</summary>
    public ListCursor(T[] dense, int[] definition, int[] repetition, int levels, int elementLevel, int presentLevel, T fill)
    {
        _dense = dense;
        _definition = definition;
        _repetition = repetition;
        _levels = levels;
        _elementLevel = elementLevel;
        _presentLevel = presentLevel;
        _fill = fill;
    }

    private ListCursor()
    {
        _dense = [];
        _definition = [];
        _repetition = [];
        _fill = default!;
        _absent = true;
    }

    /// <summary>A column the file does not have: every row's list is empty.</summary>
    public static ListCursor<T> Absent { get; } = new();

    /// <summary>The next row's elements.</summary>
    public T[] Next()
    {
        if (_absent)
        {
            return [];
        }

        var start = _level;
        if (start >= _levels)
        {
            throw new InvalidDataException($"column chunk holds fewer rows than its row group ({_levels} levels)");
        }

        if (_repetition[start] != 0)
        {
            throw new InvalidDataException($"level {start} continues a list that is null or empty");
        }

        if (_definition[start] < _elementLevel)
        {
            _level = start + 1;
            return [];
        }

        var end = start + 1;
        while (end < _levels && _repetition[end] != 0)
        {
            if (_definition[end] < _elementLevel)
            {
                throw new InvalidDataException($"level {end} continues a list with a null or empty entry");
            }

            end++;
        }

        _level = end;
        var result = new T[end - start];
        if (_presentLevel == _elementLevel)
        {
            // Elements cannot be null: the row's values are contiguous.
            _dense.AsSpan(_value, result.Length).CopyTo(result);
            _value += result.Length;
            return result;
        }

        for (var i = 0; i < result.Length; i++)
        {
            result[i] = _definition[start + i] == _presentLevel ? _dense[_value++] : _fill;
        }

        return result;
    }

    /// <summary>Checks that the rows taken were all the levels held.</summary>
    public void Finish()
    {
        if (!_absent && _level != _levels)
        {
            throw new InvalidDataException($"column chunk holds more rows than its row group ({_levels - _level} levels left)");
        }
    }
}
