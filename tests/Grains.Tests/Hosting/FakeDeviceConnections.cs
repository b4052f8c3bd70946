using System.Collections.Concurrent;
using Visco.Grains.Interfaces.Ingress;

namespace Visco.Grains.Tests.Hosting;

/// <summary>The front door's side of the seam, in memory: records what the domain asked of it.</summary>
public sealed class FakeDeviceConnections : IDeviceConnections
{
    /// <summary>Devices the domain asked to disconnect, with the reason.</summary>
    public ConcurrentQueue<(string DeviceId, string Reason)> Disconnected { get; } = new();

    /// <inheritdoc />
    public bool IsConnected(string deviceId) => true;

    /// <inheritdoc />
    public Task<bool> PublishAsync(string deviceId, OutboundMessage message, CancellationToken cancellationToken = default) => Task.FromResult(true);

    /// <inheritdoc />
    public Task<bool> DisconnectAsync(string deviceId, string reason, CancellationToken cancellationToken = default)
    {
        Disconnected.Enqueue((deviceId, reason));
        return Task.FromResult(true);
    }
}
