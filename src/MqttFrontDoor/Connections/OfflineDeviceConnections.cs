using Visco.Grains.Interfaces.Ingress;
using Visco.MqttFrontDoor.Routing;
using Visco.MqttFrontDoor.Sessions;
using Visco.Runtime.Abstractions;

namespace Visco.MqttFrontDoor.Connections;

/// <summary>
/// The front door's side of <see cref="IDeviceConnections"/> in a process that runs no MQTT listener but works on the
/// same store (the silo's offline CLI verbs): no device is connected, so nothing is delivered or queued (false: the
/// domain keeps what it sent, as for a device without a session); a retained message (or its clearing) goes to the
/// retained store; ending a session removes the stored one with its queued messages. The process must host
/// <see cref="MqttFrontDoorHostingExtensions.GrainAssembly"/>.
/// </summary>
public sealed class OfflineDeviceConnections(IGrainFactory grains, TimeProvider time) : IDeviceConnections
{
    private readonly RetainedMessageStore _retained = new(grains, time);

    /// <inheritdoc />
    public bool IsConnected(string deviceId) => false;

    /// <inheritdoc />
    public async Task<bool> PublishAsync(string deviceId, OutboundMessage message, CancellationToken cancellationToken = default)
    {
        DeviceConnections.RequireDeviceTopic(deviceId, message);
        if (message.Retain)
        {
            await _retained.SetAsync(DeviceConnections.ToBrokerMessage(message, time.GetUtcNow()), cancellationToken).ConfigureAwait(false);
        }

        return false;
    }

    /// <inheritdoc />
    public Task<bool> DisconnectAsync(string deviceId, string reason, CancellationToken cancellationToken = default) => Task.FromResult(false);

    /// <inheritdoc />
    public async Task<bool> EndSessionAsync(string deviceId, string reason, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(deviceId);
        await grains.GetGrain<IMqttSessionGrain>(deviceId).End(cancellationToken).ConfigureAwait(false);
        return false;
    }
}
