namespace Visco.Grains.Interfaces.Fleet;

/// <summary>An operation that needs a device in service named a revoked one.</summary>
public sealed class DeviceRevokedException(string deviceId)
    : InvalidOperationException($"Device '{deviceId}' is revoked; it accepts no commands or configuration.")
{
    /// <summary>The device id.</summary>
    public string DeviceId { get; } = deviceId;
}
