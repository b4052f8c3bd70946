namespace Visco.Grains.Interfaces.Devices;

/// <summary>
/// The device registry as the MQTT front door sees it: who a device is, whether it may connect, and its credentials.
/// Implemented by the domain; the front door only reads it and records certificates it issues.
/// </summary>
public interface IDeviceDirectory
{
    /// <summary>The registered device, or null when there is none.</summary>
    Task<DeviceRecord?> FindAsync(string deviceId, CancellationToken cancellationToken = default);

    /// <summary>Whether the secret is the device's current secret (constant-time; secrets are stored hashed).</summary>
    Task<bool> VerifySecretAsync(string deviceId, string secret, CancellationToken cancellationToken = default);

    /// <summary>The claim whose id and secret these are, unexpired; null otherwise.</summary>
    Task<ProvisioningClaim?> VerifyClaimAsync(string claimId, string secret, CancellationToken cancellationToken = default);

    /// <summary>Records a certificate issued to a device (by claim or renewal) and makes the device active.</summary>
    Task RecordCertificateAsync(
        string deviceId, string thumbprint, DateTimeOffset notAfter, CancellationToken cancellationToken = default);

    /// <summary>
    /// Records a certificate the front door signed only if what authorised it still holds (<see cref="CertificateIssue"/>),
    /// atomically with that check; fails with <see cref="CertificateIssueRefusedException"/> otherwise. The default
    /// records unconditionally, for registries with nothing to check against (fakes, benchmarks).
    /// </summary>
    Task RecordIssuedCertificateAsync(string deviceId, CertificateIssue issue, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(issue);
        return RecordCertificateAsync(deviceId, issue.Thumbprint, issue.NotAfter, cancellationToken);
    }
}
