using Visco.Firmware.Configuration;

namespace Visco.Firmware.Queue;

/// <summary>
/// A queue held in memory only: for the fleet simulator, where ten thousand simulated analysers share one process
/// and the disk would measure the file system rather than the cloud. It keeps the bound and the policy, not the data
/// across a restart.
/// </summary>
public sealed class MemoryMeasurementQueue(int capacity, QueueFullPolicy policy) : MeasurementQueue(capacity, policy)
{
    /// <inheritdoc />
    protected override void Persist(QueuedMeasurement entry)
    {
    }

    /// <inheritdoc />
    protected override void Delete(long sequence)
    {
    }

    /// <inheritdoc />
    protected override void ClearStorage()
    {
    }
}
