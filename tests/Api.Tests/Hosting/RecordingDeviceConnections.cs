using System.Collections.Concurrent;
using Visco.Grains.Interfaces.Ingress;

namespace Visco.Api.Tests.Hosting;

/// <summary>The MQTT front door as the API sees it: devices marked connected, and every publish and disconnect recorded.</summary>
public sealed class RecordingDeviceConnections : IDeviceConnections
{
    /// <summary>Devices with a live connection.</summary>
    public ConcurrentDictionary<string, bool> Connected { get; } = new();

    /// <summary>Devices disconnected, with the reason.</summary>
    public ConcurrentQueue<(string DeviceId, string Reason)> Disconnects { get; } = new();

    /// <summary>
    /// Retained messages the domain published, in order, whether or not the device was connected (the front door's
    /// retained store takes them either way); an empty payload clears the topic.
    /// </summary>
    public ConcurrentQueue<(string DeviceId, OutboundMessage Message)> Retained { get; } = new();

    /// <summary>Messages published to connected devices, in order.</summary>
    public ConcurrentQueue<(string DeviceId, OutboundMessage Message)> Published { get; } = new();

    /// <inheritdoc />
    public bool IsConnected(string deviceId) => Connected.ContainsKey(deviceId);

    /// <inheritdoc />
    public Task<bool> PublishAsync(string deviceId, OutboundMessage message, CancellationToken cancellationToken = default)
    {
        if (message.Retain)
        {
            Retained.Enqueue((deviceId, message));
        }

        if (!IsConnected(deviceId))
        {
            return Task.FromResult(false);
        }

        Published.Enqueue((deviceId, message));
        return Task.FromResult(true);
    }

    /// <inheritdoc />
    public Task<bool> DisconnectAsync(string deviceId, string reason, CancellationToken cancellationToken = default)
    {
        Disconnects.Enqueue((deviceId, reason));
        return Task.FromResult(Connected.TryRemove(deviceId, out _));
    }
}
