using Visco.Lake.Parquet.Chunks;

namespace Visco.Lake.Rows;

/// <summary>
/// Walks a timestamp column (INT64 milliseconds or microseconds since the epoch, UTC) row by row. The range of units
/// that fit a <see cref="DateTimeOffset"/> is worked out once per column rather than per value.
/// </summary>
internal sealed class TimeCursor(ValueCursor<long> units, long ticksPerUnit)
{
    private static readonly long EpochTicks = DateTimeOffset.UnixEpoch.UtcTicks;
    private readonly long _maxUnits = (DateTimeOffset.MaxValue.UtcTicks - EpochTicks) / ticksPerUnit;
    private readonly long _minUnits = (DateTimeOffset.MinValue.UtcTicks - EpochTicks) / ticksPerUnit;

    /// <summary>The next row's instant, which must not be null.</summary>
    public DateTimeOffset Required(int row)
    {
        var value = units.Required(row);
        return value <= _maxUnits && value >= _minUnits
            ? new DateTimeOffset(EpochTicks + (value * ticksPerUnit), TimeSpan.Zero)
            : Timestamps.FromUnits(value, ticksPerUnit); // throws the range error
    }
}
