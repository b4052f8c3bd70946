namespace Visco.Grains.Interfaces.Fleet;

/// <summary>A device's credentials, shown once at registration or rotation (only a hash is kept).</summary>
/// <param name="DeviceId">The device id (MQTT client id and username).</param>
/// <param name="HospitalId">Its hospital.</param>
/// <param name="Secret">The secret (MQTT password); null for a certificate-only device.</param>
public sealed record DeviceCredentials(string DeviceId, string HospitalId, string? Secret);
