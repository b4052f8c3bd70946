namespace Visco.Firmware.Queue;

/// <summary>The outcome of <see cref="MeasurementQueue.Enqueue"/>.</summary>
/// <param name="Outcome">Stored, stored after dropping the oldest, or refused.</param>
/// <param name="Entry">The stored entry, unless refused.</param>
/// <param name="Dropped">The measurement discarded to make room, for drop-oldest.</param>
public readonly record struct EnqueueResult(EnqueueOutcome Outcome, QueuedMeasurement? Entry, QueuedMeasurement? Dropped);
