using Microsoft.Extensions.Logging;
using Visco.Grains.Diagnostics;
using Visco.Grains.Interfaces.Fleet;
using Visco.Grains.Interfaces.Hospitals;
using Visco.Runtime.Abstractions;

namespace Visco.Grains.Fleet;

/// <summary>
/// Fleet administration for the silo's CLI and the API: hospitals, device registration with one-time secrets,
/// revocation (which also cuts the live connection and ends the MQTT session, in the device grain), re-provisioning, secret rotation and provisioning claims. Secrets are returned
/// once and only their hashes are stored.
/// </summary>
public sealed class DeviceRegistrar(
    IGrainFactory grains, TimeProvider time, ILogger<DeviceRegistrar> logger)
{
    /// <summary>Creates a hospital (again with the same name does nothing).</summary>
    public Task CreateHospitalAsync(string hospitalId, string name, CancellationToken cancellationToken = default)
    {
        RequireId(hospitalId, nameof(hospitalId));
        return grains.GetGrain<IHospitalGrain>(hospitalId).Create(name, cancellationToken);
    }

    /// <summary>
    /// Registers a device of an existing hospital. With <paramref name="withSecret"/> it is active at once and the
    /// returned credentials carry its one-time secret; without, it waits in Provisioning for a certificate issued by claim.
    /// </summary>
    public async Task<DeviceCredentials> RegisterDeviceAsync(
        string hospitalId, string deviceId, bool withSecret = true, string registeredBy = "cli", CancellationToken cancellationToken = default)
    {
        RequireId(hospitalId, nameof(hospitalId));
        RequireId(deviceId, nameof(deviceId));
        if (await grains.GetGrain<IHospitalGrain>(hospitalId).GetInfo(cancellationToken) is null)
        {
            throw new HospitalNotFoundException(hospitalId);
        }

        var secret = withSecret ? SecretHasher.NewSecret() : null;
        await grains.GetGrain<IDeviceGrain>(deviceId).Register(new DeviceRegistration(hospitalId, secret, registeredBy), cancellationToken);
        return new DeviceCredentials(deviceId, hospitalId, secret);
    }

    /// <summary>
    /// Revokes a device, drops its live connection and ends its MQTT session (a revoked device never comes back, so
    /// what was queued for it is garbage); true when a live connection was dropped.
    /// </summary>
    public Task<bool> RevokeDeviceAsync(string deviceId, string reason, string revokedBy = "cli", CancellationToken cancellationToken = default) =>
        grains.GetGrain<IDeviceGrain>(deviceId).Revoke(reason, revokedBy, cancellationToken);

    /// <summary>
    /// Re-provisions a device (wiped, board replaced, key suspected stolen): its certificates and secret stop working at
    /// once, its live connection is dropped and its MQTT session ended, and its hospital's claim may provision it again
    /// (see <see cref="IDeviceGrain.Reprovision"/>).
    /// </summary>
    public Task<DeviceReprovisioning> ReprovisionDeviceAsync(string deviceId, string reason, string requestedBy = "cli", CancellationToken cancellationToken = default) =>
        grains.GetGrain<IDeviceGrain>(deviceId).Reprovision(reason, requestedBy, cancellationToken);

    /// <summary>Gives a device a new secret (the old one stops working at once) and returns it, once.</summary>
    public async Task<DeviceCredentials> RotateSecretAsync(string deviceId, CancellationToken cancellationToken = default)
    {
        var device = grains.GetGrain<IDeviceGrain>(deviceId);
        var record = await device.GetRecord(cancellationToken) ?? throw new DeviceNotFoundException(deviceId);
        var secret = SecretHasher.NewSecret();
        await device.SetSecret(secret, cancellationToken);
        return new DeviceCredentials(deviceId, record.HospitalId, secret);
    }

    /// <summary>Creates a provisioning claim for an existing hospital, valid for the given time.</summary>
    public async Task<ClaimCredentials> CreateClaimAsync(string hospitalId, TimeSpan validFor, CancellationToken cancellationToken = default)
    {
        RequireId(hospitalId, nameof(hospitalId));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(validFor, TimeSpan.Zero);
        if (await grains.GetGrain<IHospitalGrain>(hospitalId).GetInfo(cancellationToken) is null)
        {
            throw new HospitalNotFoundException(hospitalId);
        }

        var claimId = "claim-" + SecretHasher.NewId();
        var secret = SecretHasher.NewSecret();
        var expiresAt = time.GetUtcNow() + validFor;
        await grains.GetGrain<IClaimGrain>(claimId).Create(hospitalId, secret, expiresAt, cancellationToken);
        DomainLog.ClaimCreated(logger, claimId, hospitalId, expiresAt);
        return new ClaimCredentials(claimId, hospitalId, secret, expiresAt);
    }

    private static void RequireId(string id, string name)
    {
        // Ids appear in MQTT topics and lake paths: no wildcards, separators or whitespace.
        ArgumentException.ThrowIfNullOrWhiteSpace(id, name);
        if (id.Length > 64 || !id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
        {
            throw new ArgumentException($"'{id}' is not a valid id: use 1-64 ASCII letters, digits, '-', '_' or '.'.", name);
        }
    }
}
