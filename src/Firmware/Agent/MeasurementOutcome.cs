namespace Visco.Firmware.Agent;

/// <summary>The outcome of <see cref="DeviceAgent.MeasureAsync"/>.</summary>
/// <param name="SampleId">The sample id of the sweep.</param>
/// <param name="Status">Whether the queue kept it.</param>
public sealed record MeasurementOutcome(string SampleId, MeasurementStatus Status)
{
    /// <summary>Whether the measurement is stored and will be sent.</summary>
    public bool IsQueued => Status is MeasurementStatus.Queued or MeasurementStatus.QueuedDroppedOldest;
}
