namespace Visco.Grains.Interfaces.Ingress;

/// <summary>A message for a device, on one of its own topics.</summary>
/// <param name="Topic">The full topic, e.g. <c>devices/{id}/results</c>.</param>
/// <param name="Payload">UTF-8 JSON.</param>
/// <param name="QualityOfService">0, 1 or 2.</param>
/// <param name="Retain">Whether the broker retains it.</param>
public sealed record OutboundMessage(string Topic, ReadOnlyMemory<byte> Payload, int QualityOfService = 1, bool Retain = false)
{
    /// <summary>MQTT 5 content type.</summary>
    public string ContentType { get; init; } = "application/json";

    /// <summary>MQTT 5 message expiry, if any.</summary>
    public TimeSpan? MessageExpiry { get; init; }
}
