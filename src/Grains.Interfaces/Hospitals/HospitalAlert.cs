namespace Visco.Grains.Interfaces.Hospitals;

/// <summary>An alert about a device of the hospital.</summary>
/// <param name="DeviceId">The device.</param>
/// <param name="Kind">What happened, e.g. <c>invalid-sample-rate</c>.</param>
/// <param name="Message">A human-readable description.</param>
/// <param name="Value">The figure that crossed the threshold.</param>
/// <param name="Threshold">The threshold.</param>
/// <param name="RaisedAt">When it was raised (UTC).</param>
public sealed record HospitalAlert(string DeviceId, string Kind, string Message, double Value, double Threshold, DateTimeOffset RaisedAt)
{
    /// <summary>The kind of the invalid-sample-rate alert.</summary>
    public const string InvalidSampleRate = "invalid-sample-rate";
}
