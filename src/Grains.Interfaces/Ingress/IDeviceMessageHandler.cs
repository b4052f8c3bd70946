namespace Visco.Grains.Interfaces.Ingress;

/// <summary>
/// The seam between the MQTT front door and the grains. The front door calls it for every message a device publishes
/// on its own topics and acknowledges the message (PUBACK/PUBREC) only when the returned task completes, after
/// publishing the replies; the domain returns only once what it accepted is durable.
/// </summary>
public interface IDeviceMessageHandler
{
    /// <summary>Takes one device message.</summary>
    Task<DeviceMessageResult> HandleAsync(DeviceMessage message, CancellationToken cancellationToken = default);

    /// <summary>A device connected (online) or its connection ended (offline, with the reason).</summary>
    Task ConnectionChangedAsync(
        string deviceId, string hospitalId, bool online, string? reason, CancellationToken cancellationToken = default);
}
