namespace Visco.Firmware.Queue;

/// <summary>What became of a measurement offered to the queue.</summary>
public enum EnqueueOutcome
{
    /// <summary>Stored.</summary>
    Accepted,

    /// <summary>Stored after the oldest queued measurement was discarded (policy drop-oldest).</summary>
    AcceptedDroppedOldest,

    /// <summary>Not stored: the queue is full (policy refuse-new).</summary>
    RefusedFull,
}
