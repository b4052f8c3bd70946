using System.Collections.Concurrent;
using Visco.Grains.Interfaces.Devices;

namespace Visco.MqttFrontDoor.Tests.Support;

/// <summary>An in-memory device registry.</summary>
public sealed class FakeDeviceDirectory : IDeviceDirectory
{
    private readonly ConcurrentDictionary<string, DeviceRecord> _devices = new();
    private readonly ConcurrentDictionary<string, string> _secrets = new();
    private readonly ConcurrentDictionary<string, (string Secret, ProvisioningClaim Claim)> _claims = new();

    /// <summary>Certificates recorded, by device.</summary>
    public ConcurrentDictionary<string, string> RecordedThumbprints { get; } = new();

    /// <summary>Every issued certificate the front door asked to record, with what authorised it, in order.</summary>
    public ConcurrentQueue<(string DeviceId, CertificateIssue Issue)> Issues { get; } = new();

    /// <summary>
    /// When set, recording an issued certificate is refused with this reason, as the registry refuses it when the
    /// device changed between the front door's check and the recording (re-provisioned, revoked, claimed by another).
    /// </summary>
    public string? RefuseIssue { get; set; }

    /// <summary>Registers (or replaces) a device.</summary>
    public void Add(string deviceId, string hospitalId, DeviceStatus status = DeviceStatus.Active, string? secret = null, params string[] thumbprints)
    {
        _devices[deviceId] = new DeviceRecord(deviceId, hospitalId, status, thumbprints);
        if (secret is not null)
        {
            _secrets[deviceId] = secret;
        }
    }

    /// <summary>Changes a device's status.</summary>
    public void SetStatus(string deviceId, DeviceStatus status) => _devices[deviceId] = _devices[deviceId] with { Status = status };

    /// <summary>Adds a claim.</summary>
    public void AddClaim(string claimId, string secret, string hospitalId, DateTimeOffset expiresAt) =>
        _claims[claimId] = (secret, new ProvisioningClaim(claimId, hospitalId, expiresAt));

    /// <inheritdoc />
    public Task<DeviceRecord?> FindAsync(string deviceId, CancellationToken cancellationToken = default) =>
        Task.FromResult(_devices.TryGetValue(deviceId, out var device) ? device : null);

    /// <inheritdoc />
    public Task<bool> VerifySecretAsync(string deviceId, string secret, CancellationToken cancellationToken = default) =>
        Task.FromResult(_secrets.TryGetValue(deviceId, out var known) && known == secret);

    /// <inheritdoc />
    public Task<ProvisioningClaim?> VerifyClaimAsync(string claimId, string secret, CancellationToken cancellationToken = default) =>
        Task.FromResult(_claims.TryGetValue(claimId, out var claim) && claim.Secret == secret ? claim.Claim : null);

    /// <inheritdoc />
    public Task RecordIssuedCertificateAsync(string deviceId, CertificateIssue issue, CancellationToken cancellationToken = default)
    {
        Issues.Enqueue((deviceId, issue));
        return RefuseIssue is { } reason
            ? Task.FromException(new CertificateIssueRefusedException(deviceId, reason))
            : RecordCertificateAsync(deviceId, issue.Thumbprint, issue.NotAfter, cancellationToken);
    }

    /// <inheritdoc />
    public Task RecordCertificateAsync(string deviceId, string thumbprint, DateTimeOffset notAfter, CancellationToken cancellationToken = default)
    {
        RecordedThumbprints[deviceId] = thumbprint;
        var device = _devices[deviceId];
        _devices[deviceId] = device with { Status = DeviceStatus.Active, CertificateThumbprints = [.. device.CertificateThumbprints, thumbprint] };
        return Task.CompletedTask;
    }
}
