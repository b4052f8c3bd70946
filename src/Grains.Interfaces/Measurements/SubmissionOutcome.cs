using Visco.Grains.Interfaces.Ingress;

namespace Visco.Grains.Interfaces.Measurements;

/// <summary>How the device grain took a measurement.</summary>
/// <param name="Status">Accepted, Duplicate, InvalidPayload, NotAuthorized, Busy or Failed.</param>
/// <param name="Result">The result (new or the stored one for a duplicate); null when refused.</param>
/// <param name="SampleId">The sample id when it could be read, for the error reply.</param>
/// <param name="ErrorCode">A stable, kebab-case code of the refusal (e.g. <c>non-monotonic-shear-rate</c>).</param>
/// <param name="Reason">A precise, human-readable reason of the refusal; never patient data.</param>
public sealed record SubmissionOutcome(
    DeviceMessageStatus Status, MeasurementResult? Result, string? SampleId, string? ErrorCode, string? Reason)
{
    /// <summary>A refusal.</summary>
    public static SubmissionOutcome Refused(DeviceMessageStatus status, string? sampleId, string errorCode, string reason) =>
        new(status, null, sampleId, errorCode, reason);
}
