using System.Collections.Concurrent;
using System.Text.Json;
using Visco.Grains.Interfaces.Ingress;

namespace Visco.Grains.Tests.Hosting;

/// <summary>
/// The front door's side of the seam, in memory: which devices are connected (set by the test), what the domain
/// published to them and whom it asked to disconnect.
/// </summary>
public sealed class FakeDeviceConnections : IDeviceConnections
{
    /// <summary>Devices with a live connection.</summary>
    public ConcurrentDictionary<string, bool> Online { get; } = new();

    /// <summary>
    /// While true a connected device takes no publish, as when it has connected but not subscribed yet (the front door
    /// answers false: no matching subscription).
    /// </summary>
    public bool NotSubscribed { get; set; }

    /// <summary>Messages published to devices, in order.</summary>
    public ConcurrentQueue<(string DeviceId, OutboundMessage Message)> Published { get; } = new();

    /// <summary>
    /// Retained messages the domain published, in order, whether or not the device was connected (the front door's
    /// retained store takes them either way); an empty payload clears the topic.
    /// </summary>
    public ConcurrentQueue<(string DeviceId, OutboundMessage Message)> Retained { get; } = new();

    /// <summary>Devices the domain asked to disconnect, with the reason.</summary>
    public ConcurrentQueue<(string DeviceId, string Reason)> Disconnected { get; } = new();

    /// <summary>Devices whose MQTT session the domain asked to end (connected or not), with the reason.</summary>
    public ConcurrentQueue<(string DeviceId, string Reason)> SessionsEnded { get; } = new();

    /// <summary>The JSON bodies published to one device's command topic, in order.</summary>
    public IReadOnlyList<JsonElement> CommandsTo(string deviceId) =>
        Published.Where(p => p.DeviceId == deviceId && p.Message.Topic == $"devices/{deviceId}/commands")
            .Select(p => JsonDocument.Parse(p.Message.Payload).RootElement.Clone())
            .ToArray();

    /// <inheritdoc />
    public bool IsConnected(string deviceId) => Online.ContainsKey(deviceId);

    /// <inheritdoc />
    public Task<bool> PublishAsync(string deviceId, OutboundMessage message, CancellationToken cancellationToken = default)
    {
        if (message.Retain)
        {
            Retained.Enqueue((deviceId, message));
        }

        if (!IsConnected(deviceId) || NotSubscribed)
        {
            return Task.FromResult(false);
        }

        Published.Enqueue((deviceId, message));
        return Task.FromResult(true);
    }

    /// <inheritdoc />
    public Task<bool> DisconnectAsync(string deviceId, string reason, CancellationToken cancellationToken = default)
    {
        Disconnected.Enqueue((deviceId, reason));
        return Task.FromResult(Online.TryRemove(deviceId, out _));
    }

    /// <inheritdoc />
    public Task<bool> EndSessionAsync(string deviceId, string reason, CancellationToken cancellationToken = default)
    {
        SessionsEnded.Enqueue((deviceId, reason));
        return DisconnectAsync(deviceId, reason, cancellationToken);
    }
}
