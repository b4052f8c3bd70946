using Visco.Lake.Parquet.Chunks;

namespace Visco.Lake.Rows;

/// <summary>Walks a timestamp column (INT64 milliseconds or microseconds since the epoch, UTC) row by row.</summary>
internal sealed class TimeCursor(ValueCursor<long> units, long ticksPerUnit)
{
    /// <summary>The next row's instant, which must not be null.</summary>
    public DateTimeOffset Required(int row) => Timestamps.FromUnits(units.Required(row), ticksPerUnit);
}
