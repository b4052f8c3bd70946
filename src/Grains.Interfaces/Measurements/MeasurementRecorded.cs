using Visco.Runtime.Abstractions;

namespace Visco.Grains.Interfaces.Measurements;

/// <summary>
/// The event of the durable stream <c>("measurements", hospitalId)</c>: one accepted measurement with its result.
/// Appending it is the commit point of a measurement; consumers are idempotent by (DeviceId, SampleId) because
/// delivery is at least once and a crash between append and acknowledgement can publish a sample twice.
/// </summary>
/// <param name="DeviceId">The device that measured it.</param>
/// <param name="HospitalId">The device's hospital (the stream key).</param>
/// <param name="Sweep">The raw sweep.</param>
/// <param name="Result">The result sent back.</param>
/// <param name="ReceivedAt">When the front door received it (UTC).</param>
/// <remarks>Immutable: the silo reads an event back once and hands the same instance to every subscriber.</remarks>
[Immutable]
public sealed record MeasurementRecorded(
    string DeviceId, string HospitalId, SweepData Sweep, MeasurementResult Result, DateTimeOffset ReceivedAt)
{
    /// <summary>The stream namespace the events are published in, keyed by hospital id.</summary>
    public const string StreamNamespace = "measurements";
}
