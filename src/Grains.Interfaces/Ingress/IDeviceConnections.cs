namespace Visco.Grains.Interfaces.Ingress;

/// <summary>
/// What the domain may ask of the MQTT front door: send a device a message (now, or queued in its persistent session
/// while it is offline) and cut a device off (revocation, re-provisioning).
/// </summary>
public interface IDeviceConnections
{
    /// <summary>Whether the device has a live connection now.</summary>
    bool IsConnected(string deviceId);

    /// <summary>
    /// Publishes to the device. Delivered now when connected; queued (QoS ≥ 1) in its persistent session when not;
    /// false when it is offline with no session to queue in.
    /// </summary>
    Task<bool> PublishAsync(string deviceId, OutboundMessage message, CancellationToken cancellationToken = default);

    /// <summary>
    /// Closes the device's live connection at once (MQTT 5: DISCONNECT 0x87 not authorized); false if none. Its
    /// persistent session, if any, stays (see <see cref="EndSessionAsync"/>).
    /// </summary>
    Task<bool> DisconnectAsync(string deviceId, string reason, CancellationToken cancellationToken = default);

    /// <summary>
    /// Cuts the device off for good: closes its live connection as <see cref="DisconnectAsync"/> does (no will) and
    /// ends its MQTT session, connected or not — in memory and stored, with its subscriptions and queued messages — so
    /// whoever connects next as this client id, even with clean start 0, starts a new session (CONNACK session
    /// present 0). Retained messages are not session state and stay. Returns whether a live connection was closed.
    /// An implementation without sessions only closes the connection.
    /// </summary>
    Task<bool> EndSessionAsync(string deviceId, string reason, CancellationToken cancellationToken = default) =>
        DisconnectAsync(deviceId, reason, cancellationToken);
}
