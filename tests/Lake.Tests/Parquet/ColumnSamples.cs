using Visco.Lake.Parquet;
using Visco.Lake.Parquet.Schema;

namespace Visco.Lake.Tests.Parquet;

/// <summary>Seeded sample values for every column type and shape, with the awkward cases mixed in.</summary>
internal static class ColumnSamples
{
    public static readonly ColumnType[] AllTypes = Enum.GetValues<ColumnType>();

    public static ParquetSchema AllColumnsSchema(ColumnEncoding stringEncoding = ColumnEncoding.Auto)
    {
        var columns = new List<ColumnDefinition>();
        foreach (var type in AllTypes)
        {
            var encoding = type == ColumnType.String ? stringEncoding : ColumnEncoding.Auto;
            columns.Add(ColumnDefinition.Required($"req_{type}", type) with { Encoding = encoding });
            columns.Add(ColumnDefinition.Optional($"opt_{type}", type) with { Encoding = encoding });
            columns.Add(ColumnDefinition.List($"list_{type}", type) with { Encoding = encoding });
        }

        return new ParquetSchema(columns);
    }

    public static List<ColumnData> Generate(ParquetSchema schema, int rows, int seed)
    {
        var random = new Random(seed);
        var result = new List<ColumnData>();
        foreach (var column in schema.Columns)
        {
            switch (column.Repetition)
            {
                case ColumnRepetition.Required:
                    result.Add(new ColumnData(column, Values(column.Type, rows, random, nulls: false)));
                    break;
                case ColumnRepetition.Optional:
                    result.Add(new ColumnData(column, Values(column.Type, rows, random, nulls: true)));
                    break;
                default:
                    var offsets = new int[rows + 1];
                    var nullLists = new bool[rows];
                    for (var r = 0; r < rows; r++)
                    {
                        var kind = random.Next(10);
                        nullLists[r] = kind == 0;
                        offsets[r + 1] = offsets[r] + (kind <= 1 ? 0 : random.Next(1, 12));
                    }

                    result.Add(new ColumnData(column, Values(column.Type, offsets[rows], random, nulls: false), offsets, nullLists));
                    break;
            }
        }

        return result;
    }

    private static Array Values(ColumnType type, int count, Random random, bool nulls)
    {
        bool IsNull() => nulls && random.Next(4) == 0;
        return type switch
        {
            ColumnType.Boolean => nulls ? Make<bool?>(count, _ => IsNull() ? null : random.Next(2) == 0) : Make(count, _ => random.Next(2) == 0),
            ColumnType.Int32 => nulls ? Make<int?>(count, i => IsNull() ? null : Int(i, random)) : Make(count, i => Int(i, random)),
            ColumnType.Int64 => nulls ? Make<long?>(count, i => IsNull() ? null : Long(i, random)) : Make(count, i => Long(i, random)),
            ColumnType.Float => nulls ? Make<float?>(count, i => IsNull() ? null : (float)Double(i, random)) : Make(count, i => (float)Double(i, random)),
            ColumnType.Double => nulls ? Make<double?>(count, i => IsNull() ? null : Double(i, random)) : Make(count, i => Double(i, random)),
            ColumnType.String => Make<string?>(count, i => IsNull() ? null : Text(i, random)),
            ColumnType.TimestampMillis => nulls
                ? Make<DateTimeOffset?>(count, i => IsNull() ? null : Time(i, random, TimeSpan.TicksPerMillisecond))
                : Make(count, i => Time(i, random, TimeSpan.TicksPerMillisecond)),
            _ => nulls
                ? Make<DateTimeOffset?>(count, i => IsNull() ? null : Time(i, random, TimeSpan.TicksPerMicrosecond))
                : Make(count, i => Time(i, random, TimeSpan.TicksPerMicrosecond)),
        };
    }

    private static T[] Make<T>(int count, Func<int, T> value)
    {
        var result = new T[count];
        for (var i = 0; i < count; i++)
        {
            result[i] = value(i);
        }

        return result;
    }

    private static int Int(int i, Random random) => (i % 5) switch
    {
        0 => int.MinValue,
        1 => int.MaxValue,
        _ => random.Next(int.MinValue, int.MaxValue),
    };

    private static long Long(int i, Random random) => (i % 5) switch
    {
        0 => long.MinValue,
        1 => long.MaxValue,
        _ => random.NextInt64(long.MinValue, long.MaxValue),
    };

    private static double Double(int i, Random random) => (i % 11) switch
    {
        0 => double.NaN,
        1 => double.PositiveInfinity,
        2 => -0.0,
        3 => double.Epsilon,
        4 => 1e300,
        _ => (random.NextDouble() - 0.5) * 1e6,
    };

    private static string Text(int i, Random random) => (i % 9) switch
    {
        0 => string.Empty,
        1 => "Blutviskosität ✓",
        2 => "😀 \u0000 \uFFFF 日本語",
        3 => new string('x', 5000),
        _ => "hospital-" + random.Next(5),
    };

    private static DateTimeOffset Time(int i, Random random, long precision)
    {
        var ticks = (i % 7) switch
        {
            0 => new DateTimeOffset(1900, 1, 1, 0, 0, 0, TimeSpan.Zero).UtcTicks + 1,
            1 => DateTimeOffset.UnixEpoch.UtcTicks - 1,
            _ => random.NextInt64(DateTimeOffset.UnixEpoch.UtcTicks, new DateTimeOffset(2100, 1, 1, 0, 0, 0, TimeSpan.Zero).UtcTicks),
        };

        // Stored values have the column's precision; floor like the writer so the expectation is exact.
        var floored = ticks - (((ticks - DateTimeOffset.UnixEpoch.UtcTicks) % precision) + precision) % precision;
        return new DateTimeOffset(floored, TimeSpan.Zero);
    }
}
