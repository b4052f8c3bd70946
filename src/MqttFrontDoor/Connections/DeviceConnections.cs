using System.Runtime.InteropServices;
using Visco.Grains.Interfaces.Ingress;
using Visco.Mqtt.Packets;
using Visco.MqttFrontDoor.Diagnostics;
using Visco.MqttFrontDoor.Sessions;

namespace Visco.MqttFrontDoor.Connections;

/// <summary>
/// The domain's handle on devices: publish to one (now, or queued in its persistent session), cut one off, end its session.
/// </summary>
internal sealed class DeviceConnections(MqttBroker broker) : IDeviceConnections
{
    public bool IsConnected(string deviceId) => broker.TryGetLive(deviceId, out _);

    /// <summary>
    /// Routes the message to the device's subscriptions (and, flagged retain, to the retained store whether or not the
    /// device has a session). True when it was sent or queued; false when the device has no session, or no
    /// subscription that matches, or is offline for a QoS 0 message.
    /// </summary>
    public async Task<bool> PublishAsync(string deviceId, OutboundMessage message, CancellationToken cancellationToken = default)
    {
        RequireDeviceTopic(deviceId, message);
        var session = await broker.Sessions.GetOrLoadAsync(deviceId, cancellationToken).ConfigureAwait(false);
        if (session is null)
        {
            if (message.Retain)
            {
                // The retained store is the broker's, not the session's: retaining (or clearing, with an empty payload)
                // must not depend on the device having a session now.
                await broker.Router.PublishAsync(ToBrokerMessage(message, broker.Time.GetUtcNow()), cancellationToken).ConfigureAwait(false);
            }

            return false;
        }

        var connected = session.Sink is not null;
        var recipients = await broker.Router.PublishAsync(ToBrokerMessage(message, broker.Time.GetUtcNow()), cancellationToken).ConfigureAwait(false);
        return recipients > 0 && (connected || message.QualityOfService > 0);
    }

    public Task<bool> DisconnectAsync(string deviceId, string reason, CancellationToken cancellationToken = default)
    {
        if (!broker.TryGetLive(deviceId, out var connection))
        {
            return Task.FromResult(false);
        }

        connection.Close(MqttDisconnectReasonCode.NotAuthorized, reason, sendWill: false);
        return Task.FromResult(true);
    }

    /// <summary>
    /// Closes the live connection first (so the device is cut off at once, as by <see cref="DisconnectAsync"/>), then
    /// ends the session under its client id's lock: in memory, and in its grain even when nothing is in memory (a
    /// device that has not connected since a restart).
    /// </summary>
    public async Task<bool> EndSessionAsync(string deviceId, string reason, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(deviceId);
        var closed = await DisconnectAsync(deviceId, reason, cancellationToken).ConfigureAwait(false);
        await broker.Sessions.EndSessionAsync(deviceId, reason, cancellationToken).ConfigureAwait(false);
        MqttLog.SessionEnded(broker.Logger, deviceId, reason);
        return closed;
    }

    /// <summary>A message for a device must be on one of its own topics (<c>devices/{id}/...</c>, <c>provisioning/{id}/...</c>).</summary>
    public static void RequireDeviceTopic(string deviceId, OutboundMessage message)
    {
        ArgumentException.ThrowIfNullOrEmpty(deviceId);
        ArgumentNullException.ThrowIfNull(message);
        if (!message.Topic.StartsWith($"devices/{deviceId}/", StringComparison.Ordinal)
            && !message.Topic.StartsWith($"provisioning/{deviceId}/", StringComparison.Ordinal))
        {
            throw new ArgumentException($"A message for device {deviceId} must be on one of its topics (devices/{deviceId}/...), not {message.Topic}.", nameof(message));
        }
    }

    /// <summary>The broker's form of a domain message.</summary>
    public static BrokerMessage ToBrokerMessage(OutboundMessage message, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(message);
        return new BrokerMessage(message.Topic, ExactArray(message.Payload), Math.Clamp(message.QualityOfService, 0, 2), message.Retain)
        {
            PayloadIsUtf8 = message.ContentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) || message.ContentType.StartsWith("text/", StringComparison.OrdinalIgnoreCase),
            ContentType = message.ContentType,
            ExpiresAt = message.MessageExpiry is { } expiry ? now.Add(expiry) : null,
        };
    }

    /// <summary>
    /// The payload's own array when it is exactly the payload (a domain message's bytes are never changed after it is
    /// made), else a copy: a result was copied once more here for every measurement.
    /// </summary>
    private static byte[] ExactArray(ReadOnlyMemory<byte> payload) =>
        MemoryMarshal.TryGetArray(payload, out var segment) && segment.Offset == 0 && segment.Count == segment.Array!.Length
            ? segment.Array
            : payload.ToArray();
}
