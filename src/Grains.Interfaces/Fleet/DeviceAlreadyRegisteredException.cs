namespace Visco.Grains.Interfaces.Fleet;

/// <summary>A device id that is already registered was registered again.</summary>
public sealed class DeviceAlreadyRegisteredException(string deviceId)
    : InvalidOperationException($"Device '{deviceId}' is already registered; revoke it or choose another id.")
{
    /// <summary>The device id.</summary>
    public string DeviceId { get; } = deviceId;
}
