namespace Visco.Grains.Interfaces.Fleet;

/// <summary>A device already has the most open (queued or sent) commands it may have; nothing was queued.</summary>
public sealed class CommandQueueFullException(string deviceId, int limit)
    : InvalidOperationException(
        $"Device '{deviceId}' already has {limit} open commands; wait for it to answer them (or for them to expire) before issuing more.")
{
    /// <summary>The device id.</summary>
    public string DeviceId { get; } = deviceId;

    /// <summary>The limit of open commands.</summary>
    public int Limit { get; } = limit;
}
