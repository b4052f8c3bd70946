namespace Visco.Grains.Interfaces.Measurements;

/// <summary>A raw measurement payload handed to the device grain.</summary>
/// <param name="HospitalId">The hospital the front door authenticated the device for.</param>
/// <param name="Payload">UTF-8 JSON as published, not yet validated.</param>
/// <param name="ReceivedAt">When the front door received it (UTC).</param>
public sealed record MeasurementSubmission(string HospitalId, ReadOnlyMemory<byte> Payload, DateTimeOffset ReceivedAt);
