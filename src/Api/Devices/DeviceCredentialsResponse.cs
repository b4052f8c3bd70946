namespace Visco.Api.Devices;

/// <summary>A device's credentials, shown exactly once (only a hash is stored).</summary>
/// <param name="DeviceId">The device id (MQTT client id and username).</param>
/// <param name="HospitalId">Its hospital.</param>
/// <param name="Secret">The secret (MQTT password); null for a certificate-only device.</param>
public sealed record DeviceCredentialsResponse(string DeviceId, string HospitalId, string? Secret);
