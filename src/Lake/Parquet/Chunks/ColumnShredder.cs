using Visco.Lake.Parquet.Schema;

namespace Visco.Lake.Parquet.Chunks;

/// <summary>
/// Turns <see cref="ColumnData"/> into levels and dense physical values. Levels follow the Dremel rules of the
/// Parquet spec: for an optional list <c>def 0</c> = null list, <c>1</c> = empty list, <c>2</c> = an element
/// (<c>3</c> when elements are nullable and present); <c>rep 0</c> starts a row, <c>rep 1</c> continues its list.
/// </summary>
internal static class ColumnShredder
{
    public static ShreddedColumn Shred(ColumnData data, int rowsPerPage)
    {
        var column = data.Column;
        return column.Repetition switch
        {
            ColumnRepetition.Required => ShredRequired(data, rowsPerPage),
            ColumnRepetition.Optional => ShredOptional(data, rowsPerPage),
            _ => ShredList(data, rowsPerPage),
        };
    }

    private static ShreddedColumn ShredRequired(ColumnData data, int rowsPerPage)
    {
        var dense = ToPhysical(data.Values, data.Column.Type);
        var pages = new List<PageRange>();
        for (var start = 0; start < data.RowCount || pages.Count == 0; start += rowsPerPage)
        {
            var end = Math.Min(data.RowCount, start + rowsPerPage);
            pages.Add(new PageRange(start, end, start, end, end - start));
        }

        return new ShreddedColumn(null, null, data.RowCount, dense, pages);
    }

    private static ShreddedColumn ShredOptional(ColumnData data, int rowsPerPage)
    {
        var definition = ShreddedColumn.RentLevels(data.RowCount);
        var dense = ToPhysical(Compact(data.Values, definition, 1), data.Column.Type);
        var pages = new List<PageRange>();
        var value = 0;
        for (var start = 0; start < data.RowCount || pages.Count == 0; start += rowsPerPage)
        {
            var end = Math.Min(data.RowCount, start + rowsPerPage);
            var valueStart = value;
            for (var r = start; r < end; r++)
            {
                value += definition[r];
            }

            pages.Add(new PageRange(start, end, valueStart, value, end - start));
        }

        return new ShreddedColumn(definition, null, data.RowCount, dense, pages);
    }

    private static ShreddedColumn ShredList(ColumnData data, int rowsPerPage)
    {
        var column = data.Column;
        var offsets = data.Offsets!;
        var rows = data.RowCount;
        int[]? present = null;
        var elements = column.ElementsNullable ? Compact(data.Values, present = new int[data.Values.Length], 1) : data.Values;
        var dense = ToPhysical(elements, column.Type);

        var levelCount = 0;
        for (var r = 0; r < rows; r++)
        {
            levelCount += Math.Max(1, offsets[r + 1] - offsets[r]);
        }

        var definition = ShreddedColumn.RentLevels(levelCount);
        var repetition = ShreddedColumn.RentLevels(levelCount);
        var pages = new List<PageRange>();
        var emptyLevel = column.ListElementLevel - 1;
        int level = 0, value = 0, pageLevel = 0, pageValue = 0, pageRow = 0;
        for (var r = 0; r < rows; r++)
        {
            if (r - pageRow == rowsPerPage)
            {
                pages.Add(new PageRange(pageLevel, level, pageValue, value, r - pageRow));
                (pageLevel, pageValue, pageRow) = (level, value, r);
            }

            var start = offsets[r];
            var end = offsets[r + 1];
            if (start == end)
            {
                repetition[level] = 0;
                definition[level++] = data.NullLists?[r] == true ? 0 : emptyLevel;
                continue;
            }

            for (var k = start; k < end; k++)
            {
                repetition[level] = k == start ? 0 : 1;
                var isPresent = present is null || present[k] == 1;
                definition[level++] = isPresent ? column.MaxDefinitionLevel : column.ListElementLevel;
                value += isPresent ? 1 : 0;
            }
        }

        pages.Add(new PageRange(pageLevel, level, pageValue, value, rows - pageRow));
        return new ShreddedColumn(definition, repetition, levelCount, dense, pages);
    }

    /// <summary>Drops nulls; <paramref name="definition"/>[i] becomes <paramref name="setLevel"/> where a value exists.</summary>
    private static Array Compact(Array values, int[] definition, int setLevel) => values switch
    {
        bool?[] v => Compact(v, definition, setLevel),
        int?[] v => Compact(v, definition, setLevel),
        long?[] v => Compact(v, definition, setLevel),
        float?[] v => Compact(v, definition, setLevel),
        double?[] v => Compact(v, definition, setLevel),
        DateTimeOffset?[] v => Compact(v, definition, setLevel),
        string?[] v => CompactStrings(v, definition, setLevel),
        _ => throw new ArgumentException($"unexpected array {values.GetType().Name}"),
    };

    private static T[] Compact<T>(T?[] values, int[] definition, int setLevel)
        where T : struct
    {
        var count = 0;
        for (var i = 0; i < values.Length; i++)
        {
            var has = values[i].HasValue;
            definition[i] = has ? setLevel : 0;
            count += has ? 1 : 0;
        }

        var dense = new T[count];
        var j = 0;
        foreach (var value in values)
        {
            if (value.HasValue)
            {
                dense[j++] = value.GetValueOrDefault();
            }
        }

        return dense;
    }

    private static string[] CompactStrings(string?[] values, int[] definition, int setLevel)
    {
        var dense = new List<string>(values.Length);
        for (var i = 0; i < values.Length; i++)
        {
            definition[i] = values[i] is null ? 0 : setLevel;
            if (values[i] is { } value)
            {
                dense.Add(value);
            }
        }

        return [.. dense];
    }

    private static Array ToPhysical(Array values, ColumnType type) => values is DateTimeOffset[] timestamps
        ? Timestamps.ToUnits(timestamps, Timestamps.TicksPerUnit(type))
        : values;
}
