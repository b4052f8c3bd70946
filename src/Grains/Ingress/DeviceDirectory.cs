using Visco.Grains.Interfaces.Devices;
using Visco.Grains.Interfaces.Fleet;
using Visco.Runtime.Abstractions;

namespace Visco.Grains.Ingress;

/// <summary>The device registry as the front door sees it, over the device and claim grains.</summary>
public sealed class DeviceDirectory(IGrainFactory grains) : IDeviceDirectory
{
    /// <inheritdoc />
    public Task<DeviceRecord?> FindAsync(string deviceId, CancellationToken cancellationToken = default) =>
        string.IsNullOrEmpty(deviceId)
            ? Task.FromResult<DeviceRecord?>(null)
            : grains.GetGrain<IDeviceGrain>(deviceId).GetRecord(cancellationToken);

    /// <inheritdoc />
    public Task<bool> VerifySecretAsync(string deviceId, string secret, CancellationToken cancellationToken = default) =>
        string.IsNullOrEmpty(deviceId) || string.IsNullOrEmpty(secret)
            ? Task.FromResult(false)
            : grains.GetGrain<IDeviceGrain>(deviceId).VerifySecret(secret, cancellationToken);

    /// <inheritdoc />
    public Task<ProvisioningClaim?> VerifyClaimAsync(string claimId, string secret, CancellationToken cancellationToken = default) =>
        string.IsNullOrEmpty(claimId) || string.IsNullOrEmpty(secret)
            ? Task.FromResult<ProvisioningClaim?>(null)
            : grains.GetGrain<IClaimGrain>(claimId).Verify(secret, cancellationToken);

    /// <inheritdoc />
    public Task RecordCertificateAsync(string deviceId, string thumbprint, DateTimeOffset notAfter, CancellationToken cancellationToken = default) =>
        grains.GetGrain<IDeviceGrain>(deviceId).RecordCertificate(thumbprint, notAfter, cancellationToken);

    /// <inheritdoc />
    public Task RecordIssuedCertificateAsync(string deviceId, CertificateIssue issue, CancellationToken cancellationToken = default) =>
        grains.GetGrain<IDeviceGrain>(deviceId).RecordIssuedCertificate(issue, cancellationToken);
}
