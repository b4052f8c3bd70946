namespace Visco.Grains.Interfaces.Ingress;

/// <summary>A message an authenticated device published on one of its own topics.</summary>
/// <param name="DeviceId">The authenticated device (never taken from the payload).</param>
/// <param name="HospitalId">Its hospital, from the registry.</param>
/// <param name="Kind">What it is, by topic.</param>
/// <param name="CommandId">For a command reply, the command id from the topic.</param>
/// <param name="Payload">The raw payload (UTF-8 JSON by contract, not yet validated).</param>
/// <param name="ReceivedAt">When the front door received it (UTC).</param>
/// <param name="ProtocolVersion">The MQTT protocol level of the connection: 4 (3.1.1) or 5.</param>
public sealed record DeviceMessage(
    string DeviceId,
    string HospitalId,
    DeviceMessageKind Kind,
    string? CommandId,
    ReadOnlyMemory<byte> Payload,
    DateTimeOffset ReceivedAt,
    int ProtocolVersion);
