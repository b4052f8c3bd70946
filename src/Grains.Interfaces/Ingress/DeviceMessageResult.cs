namespace Visco.Grains.Interfaces.Ingress;

/// <summary>The domain's answer to a device message: how it was taken, why, and what to send back.</summary>
/// <param name="Status">How it was taken.</param>
/// <param name="Reason">A short reason for a refusal (MQTT 5 reason string); never patient data.</param>
/// <param name="Replies">Messages to publish to the device before acknowledging (e.g. the result).</param>
public sealed record DeviceMessageResult(DeviceMessageStatus Status, string? Reason, IReadOnlyList<OutboundMessage> Replies)
{
    /// <summary>Accepted with the given replies.</summary>
    public static DeviceMessageResult Accepted(params OutboundMessage[] replies) => new(DeviceMessageStatus.Accepted, null, replies);
}
