using Visco.Grains.Interfaces.Devices;

namespace Visco.Grains.Interfaces.Hospitals;

/// <summary>A device on a hospital's roster.</summary>
/// <param name="DeviceId">The device.</param>
/// <param name="Status">Its registry status.</param>
/// <param name="Online">Whether it is connected.</param>
/// <param name="LastSeen">When its connectivity last changed; null if never connected.</param>
public sealed record RosterEntry(string DeviceId, DeviceStatus Status, bool Online, DateTimeOffset? LastSeen);
