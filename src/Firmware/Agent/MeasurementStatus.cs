namespace Visco.Firmware.Agent;

/// <summary>What became of a measurement the agent took.</summary>
public enum MeasurementStatus
{
    /// <summary>Stored in the queue; it will reach the cloud.</summary>
    Queued,

    /// <summary>Stored after the oldest queued measurement was discarded (queue full, policy drop-oldest).</summary>
    QueuedDroppedOldest,

    /// <summary>Not stored: the queue is full (policy refuse-new); the operator must repeat it later.</summary>
    RefusedQueueFull,

    /// <summary>Not stored: the disk is full or failing; the operator must repeat it later.</summary>
    StorageFailed,
}
