namespace Visco.Firmware.Fleet;

/// <summary>
/// One file <c>{deviceId}.json</c> of the credentials folder the silo's registration verb writes: a device id and
/// hospital, and either a secret or a PEM certificate with its key.
/// </summary>
/// <param name="DeviceId">The device id.</param>
/// <param name="HospitalId">The hospital it is registered to.</param>
/// <param name="Secret">The device secret (id+secret authentication), or null.</param>
/// <param name="CertificatePem">The device certificate (PEM), or null.</param>
/// <param name="PrivateKeyPem">The certificate's private key (PKCS#8 PEM), or null.</param>
public sealed record FleetCredential(string DeviceId, string? HospitalId, string? Secret, string? CertificatePem, string? PrivateKeyPem);
