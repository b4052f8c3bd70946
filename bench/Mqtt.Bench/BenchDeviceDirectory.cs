using Visco.Grains.Interfaces.Devices;

namespace Visco.Mqtt.Bench;

/// <summary>Every "dev-N" is an active device of hospital "h1" whose secret is "secret".</summary>
internal sealed class BenchDeviceDirectory : IDeviceDirectory
{
    public const string Secret = "secret";

    public Task<DeviceRecord?> FindAsync(string deviceId, CancellationToken cancellationToken = default) =>
        Task.FromResult<DeviceRecord?>(deviceId.StartsWith("dev-", StringComparison.Ordinal) ? new DeviceRecord(deviceId, "h1", DeviceStatus.Active, []) : null);

    public Task<bool> VerifySecretAsync(string deviceId, string secret, CancellationToken cancellationToken = default) =>
        Task.FromResult(secret == Secret);

    public Task<ProvisioningClaim?> VerifyClaimAsync(string claimId, string secret, CancellationToken cancellationToken = default) =>
        Task.FromResult<ProvisioningClaim?>(null);

    public Task RecordCertificateAsync(string deviceId, string thumbprint, DateTimeOffset notAfter, CancellationToken cancellationToken = default) =>
        Task.CompletedTask;
}
