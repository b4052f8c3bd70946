namespace Visco.Grains.Interfaces.Devices;

/// <summary>What the front door needs to know of a registered device.</summary>
/// <param name="DeviceId">The device id (also its MQTT client id and certificate subject CN).</param>
/// <param name="HospitalId">The hospital it belongs to.</param>
/// <param name="Status">Its status.</param>
/// <param name="CertificateThumbprints">SHA-256 thumbprints (hex) of the client certificates issued to it; empty if none.</param>
public sealed record DeviceRecord(string DeviceId, string HospitalId, DeviceStatus Status, IReadOnlyList<string> CertificateThumbprints);
