namespace Visco.Api.Devices;

/// <summary>Registers a device.</summary>
/// <param name="DeviceId">The new device's id (1-64 ASCII letters, digits, '-', '_' or '.'; its MQTT client id).</param>
/// <param name="CertificateOnly">True for a device that will be provisioned by claim with a certificate (no secret).</param>
public sealed record RegisterDeviceRequest(string DeviceId, bool CertificateOnly = false);
