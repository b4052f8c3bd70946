namespace Visco.Firmware.Queue;

/// <summary>A measurement held by the queue until the broker acknowledges it.</summary>
/// <param name="Sequence">Position in the queue (increasing; survives restarts of a file queue).</param>
/// <param name="SampleId">The sample id, sent unchanged on every resend so the cloud can deduplicate.</param>
/// <param name="Payload">The measurement JSON exactly as published.</param>
public sealed record QueuedMeasurement(long Sequence, string SampleId, ReadOnlyMemory<byte> Payload);
