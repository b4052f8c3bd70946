namespace Visco.Grains.Interfaces.Devices;

/// <summary>Where a device is in its life; only <see cref="Active"/> devices may connect as themselves.</summary>
public enum DeviceStatus
{
    /// <summary>Registered, waiting to be provisioned by claim (may only use provisioning topics).</summary>
    Provisioning = 0,

    /// <summary>In service.</summary>
    Active = 1,

    /// <summary>Revoked (stolen, retired): every connect is refused and a live connection is dropped.</summary>
    Revoked = 2,
}
