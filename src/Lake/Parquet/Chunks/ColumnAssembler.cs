using Visco.Lake.Parquet.Schema;

namespace Visco.Lake.Parquet.Chunks;

/// <summary>
/// The inverse of <see cref="ColumnShredder"/>: rebuilds <see cref="ColumnData"/> (nullable arrays, list offsets and
/// null flags) from levels and dense values, checking that the levels describe exactly the row group's rows.
/// </summary>
internal static class ColumnAssembler
{
    public static ColumnData Assemble(ColumnDefinition column, ShreddedColumn shredded, long rowCount)
    {
        var values = ToClr(shredded.Dense, column.Type);
        switch (column.Repetition)
        {
            case ColumnRepetition.Required:
                ExpectRows(values.Length, rowCount);
                return new ColumnData(column, values);
            case ColumnRepetition.Optional:
                ExpectRows(shredded.LevelCount, rowCount);
                ExpectValues(shredded.Definition!, 0, shredded.LevelCount, 1, values.Length);
                return new ColumnData(column, Scatter(values, shredded.Definition!, 1, shredded.LevelCount));
            default:
                return AssembleList(column, shredded, values, rowCount);
        }
    }

    private static ColumnData AssembleList(ColumnDefinition column, ShreddedColumn shredded, Array values, long rowCount)
    {
        var definition = shredded.Definition!;
        var repetition = shredded.Repetition!;
        var levels = shredded.LevelCount;
        var rows = 0;
        var slots = 0;
        for (var i = 0; i < levels; i++)
        {
            rows += repetition[i] == 0 ? 1 : 0;
            slots += definition[i] >= column.ListElementLevel ? 1 : 0;
        }

        ExpectRows(rows, rowCount);
        if (levels > 0 && repetition[0] != 0)
        {
            throw new InvalidDataException("the first repetition level of a column chunk is not 0");
        }

        var offsets = new int[rows + 1];

        // Element definition levels are only kept when elements can be null; otherwise every slot is a value.
        var slotDefinition = column.ElementsNullable ? ShreddedColumn.RentLevels(slots) : null;
        bool[]? nullLists = null;
        int row = -1, slot = 0, present = 0;
        var rowHasElements = false;
        try
        {
            for (var i = 0; i < levels; i++)
            {
                var level = definition[i];
                if (repetition[i] == 0)
                {
                    row++;
                    offsets[row] = slot;
                    rowHasElements = level >= column.ListElementLevel;
                }
                else if (!rowHasElements || level < column.ListElementLevel)
                {
                    // Only an element can continue a list; a null or empty list is a single level.
                    throw new InvalidDataException($"level {i} continues a list that is null or empty");
                }

                if (level >= column.ListElementLevel)
                {
                    if (slotDefinition is not null)
                    {
                        slotDefinition[slot] = level;
                    }

                    slot++;
                    present += level == column.MaxDefinitionLevel ? 1 : 0;
                }
                else if (column.ListNullable && level == 0)
                {
                    (nullLists ??= new bool[rows])[row] = true;
                }
            }

            offsets[rows] = slot;
            if (present != values.Length)
            {
                throw new InvalidDataException($"definition levels announce {present} values but the pages hold {values.Length}");
            }

            var elements = slotDefinition is not null ? Scatter(values, slotDefinition, column.MaxDefinitionLevel, slots) : values;
            return new ColumnData(column, elements, offsets, nullLists);
        }
        finally
        {
            if (slotDefinition is not null)
            {
                System.Buffers.ArrayPool<int>.Shared.Return(slotDefinition);
            }
        }
    }

    private static void ExpectRows(long actual, long expected)
    {
        if (actual != expected)
        {
            throw new InvalidDataException($"column chunk holds {actual} rows; its row group has {expected}");
        }
    }

    private static void ExpectValues(int[] definition, int start, int count, int presentLevel, int values)
    {
        var present = 0;
        for (var i = start; i < start + count; i++)
        {
            present += definition[i] == presentLevel ? 1 : 0;
        }

        if (present != values)
        {
            throw new InvalidDataException($"definition levels announce {present} values but the pages hold {values}");
        }
    }

    private static Array ToClr(Array dense, ColumnType type) =>
        type is ColumnType.TimestampMillis or ColumnType.TimestampMicros && dense is long[] units
            ? Timestamps.FromUnits(units, Timestamps.TicksPerUnit(type))
            : dense;

    private static Array Scatter(Array values, int[] definition, int presentLevel, int count) => values switch
    {
        bool[] v => Scatter(v, definition, presentLevel, count),
        int[] v => Scatter(v, definition, presentLevel, count),
        long[] v => Scatter(v, definition, presentLevel, count),
        float[] v => Scatter(v, definition, presentLevel, count),
        double[] v => Scatter(v, definition, presentLevel, count),
        DateTimeOffset[] v => Scatter(v, definition, presentLevel, count),
        string[] v => ScatterStrings(v, definition, presentLevel, count),
        _ => throw new NotSupportedException($"values of {values.GetType().Name}"),
    };

    private static T?[] Scatter<T>(T[] dense, int[] definition, int presentLevel, int count)
        where T : struct
    {
        var result = new T?[count];
        var j = 0;
        for (var i = 0; i < count; i++)
        {
            if (definition[i] == presentLevel)
            {
                result[i] = dense[j++];
            }
        }

        return result;
    }

    private static string?[] ScatterStrings(string[] dense, int[] definition, int presentLevel, int count)
    {
        var result = new string?[count];
        var j = 0;
        for (var i = 0; i < count; i++)
        {
            if (definition[i] == presentLevel)
            {
                result[i] = dense[j++];
            }
        }

        return result;
    }
}
