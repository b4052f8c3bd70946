using Visco.Lake.Parquet.Schema;

namespace Visco.Lake.Parquet.Chunks;

/// <summary>Converts between <see cref="DateTimeOffset"/> and INT64 milliseconds or microseconds since the Unix epoch.</summary>
internal static class Timestamps
{
    private static readonly long EpochTicks = DateTimeOffset.UnixEpoch.UtcTicks;
    private static readonly long MaxTicks = DateTimeOffset.MaxValue.UtcTicks - EpochTicks;
    private static readonly long MinTicks = DateTimeOffset.MinValue.UtcTicks - EpochTicks;

    public static long TicksPerUnit(ColumnType type) =>
        type == ColumnType.TimestampMillis ? TimeSpan.TicksPerMillisecond : TimeSpan.TicksPerMicrosecond;

    public static long ToUnits(DateTimeOffset value, long ticksPerUnit)
    {
        // Floor, not truncation, so instants before 1970 round towards the past like every other writer.
        var ticks = value.UtcTicks - EpochTicks;
        var quotient = Math.DivRem(ticks, ticksPerUnit, out var remainder);
        return remainder < 0 ? quotient - 1 : quotient;
    }

    public static DateTimeOffset FromUnits(long units, long ticksPerUnit)
    {
        if (units > (MaxTicks / ticksPerUnit) || units < (MinTicks / ticksPerUnit))
        {
            throw new InvalidDataException($"timestamp {units} is outside the range of DateTimeOffset");
        }

        return new DateTimeOffset(EpochTicks + (units * ticksPerUnit), TimeSpan.Zero);
    }

    public static long[] ToUnits(ReadOnlySpan<DateTimeOffset> values, long ticksPerUnit)
    {
        var result = new long[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            result[i] = ToUnits(values[i], ticksPerUnit);
        }

        return result;
    }

    public static DateTimeOffset[] FromUnits(ReadOnlySpan<long> values, long ticksPerUnit)
    {
        var result = new DateTimeOffset[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            result[i] = FromUnits(values[i], ticksPerUnit);
        }

        return result;
    }
}
