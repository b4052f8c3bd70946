namespace Visco.Grains.Interfaces.Ingress;

/// <summary>
/// What the domain may ask of the MQTT front door: send a device a message (now, or queued in its persistent session
/// while it is offline) and cut a device off (revocation).
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

    /// <summary>Closes the device's live connection at once (MQTT 5: DISCONNECT 0x87 not authorized); false if none.</summary>
    Task<bool> DisconnectAsync(string deviceId, string reason, CancellationToken cancellationToken = default);
}
