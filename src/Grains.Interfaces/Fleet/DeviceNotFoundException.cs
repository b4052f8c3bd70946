namespace Visco.Grains.Interfaces.Fleet;

/// <summary>An operation named a device that is not registered.</summary>
public sealed class DeviceNotFoundException(string deviceId)
    : InvalidOperationException($"Device '{deviceId}' is not registered.")
{
    /// <summary>The device id.</summary>
    public string DeviceId { get; } = deviceId;
}
