using Visco.Grains.Interfaces.Devices;

namespace Visco.Api.Devices;

/// <summary>The outcome of a revocation.</summary>
/// <param name="DeviceId">The device.</param>
/// <param name="Status">Its status now (revoked).</param>
/// <param name="Disconnected">Whether a live MQTT connection was dropped.</param>
public sealed record RevokedDevice(string DeviceId, DeviceStatus Status, bool Disconnected);
