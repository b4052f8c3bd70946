using Microsoft.Extensions.Logging;
using Visco.Grains.Diagnostics;
using Visco.Grains.Fleet;
using Visco.Grains.Hosting;
using Visco.Grains.Interfaces.Devices;
using Visco.Grains.Interfaces.Fleet;
using Visco.Grains.Interfaces.Hospitals;
using Visco.Grains.Interfaces.Ingress;
using Visco.Runtime.Abstractions;
using Visco.Runtime.Abstractions.State;
using Visco.Runtime.Abstractions.Timers;

namespace Visco.Grains.Devices;

/// <summary>
/// One analyser: registration and credentials (written at once), status, the measurement path (in
/// <c>DeviceGrain.Measurements.cs</c>), the command queue (<c>.Commands.cs</c>) and the desired configuration
/// (<c>.Configuration.cs</c>). Commands reach the device through <see cref="IDeviceConnections"/>, absent in a
/// process without the front door (commands then stay queued for the process that has it). Not reentrant: a device's calls run one at a time, so the dedup window and the
/// order of its events on the hospital stream follow the order the device's messages arrive in.
/// </summary>
[GrainType("device")]
internal sealed partial class DeviceGrain(
    [PersistentState("device")] IPersistentState<DeviceState> state,
    GrainsOptions options,
    ILogger<DeviceGrain> logger,
    IDeviceConnections? connections = null) : Grain, IDeviceGrain
{
    private DedupWindow _window = null!;
    private IGrainTimer? _flushTimer;
    private int _unwritten;

    private string DeviceId => GetPrimaryKeyString();

    private DeviceState S => state.State;

    private bool IsRegistered => S.HospitalId is not null;

    private DateTimeOffset Now => GrainContext.TimeProvider.GetUtcNow();

    /// <inheritdoc />
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _window = new DedupWindow(options.DedupWindow);
        foreach (var result in S.RecentResults)
        {
            _window.Add(result);
        }

        // The window holds them now; kept in the state too they would outlive young collections until the next write.
        S.RecentResults = [];

        _flushTimer = RegisterGrainTimer(FlushAsync, options.StateFlushInterval, options.StateFlushInterval);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        _flushTimer?.Dispose();
        await FlushAsync(cancellationToken);
    }

    /// <inheritdoc />
    public async Task Register(DeviceRegistration registration, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(registration);
        ArgumentException.ThrowIfNullOrWhiteSpace(registration.HospitalId);
        if (IsRegistered)
        {
            throw new DeviceAlreadyRegisteredException(DeviceId);
        }

        S.HospitalId = registration.HospitalId;
        S.Status = registration.Secret is null ? DeviceStatus.Provisioning : DeviceStatus.Active;
        S.SecretHash = registration.Secret is null ? null : SecretHasher.Hash(registration.Secret);
        S.RegisteredAt = Now;
        S.RegisteredBy = registration.RegisteredBy;
        await WriteAsync(cancellationToken);
        await Hospital.SetDeviceStatus(DeviceId, S.Status, cancellationToken);
        DomainLog.DeviceRegistered(logger, DeviceId, registration.HospitalId);
    }

    /// <inheritdoc />
    public Task<DeviceRecord?> GetRecord(CancellationToken cancellationToken = default) =>
        Task.FromResult(IsRegistered
            ? new DeviceRecord(DeviceId, S.HospitalId!, S.Status, S.Certificates.Select(c => c.Thumbprint).ToArray())
            : null);

    /// <inheritdoc />
    public Task<DeviceStatusReport?> GetStatus(CancellationToken cancellationToken = default)
    {
        if (!IsRegistered)
        {
            return Task.FromResult<DeviceStatusReport?>(null);
        }

        ExpireCommands();
        return Task.FromResult<DeviceStatusReport?>(new DeviceStatusReport(
            DeviceId, S.HospitalId!, S.Status, S.Online, S.LastSeen, S.Firmware, S.ConfigurationVersion, S.MeasurementCount,
            S.OpenCommands.Count, S.DesiredConfiguration?.Version, S.ReportedConfigurationVersion));
    }

    /// <inheritdoc />
    public Task<bool> VerifySecret(string secret, CancellationToken cancellationToken = default) =>
        Task.FromResult(IsRegistered && S.Status != DeviceStatus.Revoked && SecretHasher.Verify(secret, S.SecretHash));

    /// <inheritdoc />
    public async Task SetSecret(string secret, CancellationToken cancellationToken = default)
    {
        RequireRegistered();
        S.SecretHash = SecretHasher.Hash(secret);
        await WriteAsync(cancellationToken);
        DomainLog.DeviceSecretRotated(logger, DeviceId);
    }

    /// <inheritdoc />
    public async Task RecordCertificate(string thumbprint, DateTimeOffset notAfter, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(thumbprint);
        RequireRegistered();
        if (S.Status == DeviceStatus.Revoked)
        {
            throw new InvalidOperationException($"Device '{DeviceId}' is revoked; no certificate can be recorded for it.");
        }

        var normalized = thumbprint.ToLowerInvariant();
        S.Certificates.RemoveAll(c => c.Thumbprint == normalized);
        S.Certificates.Add(new CertificateEntry(normalized, notAfter, Now));
        var activated = S.Status == DeviceStatus.Provisioning;
        S.Status = DeviceStatus.Active;
        await WriteAsync(cancellationToken);
        if (activated)
        {
            await Hospital.SetDeviceStatus(DeviceId, S.Status, cancellationToken);
        }

        DomainLog.CertificateRecorded(logger, DeviceId, normalized, notAfter);
    }

    /// <inheritdoc />
    public async Task<bool> Revoke(string reason, string revokedBy, CancellationToken cancellationToken = default)
    {
        RequireRegistered();
        if (S.Status == DeviceStatus.Revoked)
        {
            return await EndSessionAsync("device revoked", cancellationToken);
        }

        S.Status = DeviceStatus.Revoked;
        S.RevokedAt = Now;
        S.RevokedReason = $"{reason} (by {revokedBy})";
        S.SecretHash = null;

        // A revoked device never connects again, so nothing open can reach it (a wipe must be applied before revoking).
        CancelOpenCommands("device revoked");
        await WriteAsync(cancellationToken);
        await Hospital.SetDeviceStatus(DeviceId, S.Status, cancellationToken);
        DomainLog.DeviceRevoked(logger, DeviceId, revokedBy, reason);
        return await EndSessionAsync("device revoked", cancellationToken);
    }

    /// <summary>
    /// Drops the live connection (its credentials no longer hold) and ends the device's MQTT session, stored one
    /// included: what was queued for the previous holder (a replaced board, a stolen key) must never reach whoever
    /// connects next as the device, even with clean start 0. Called after the state is written, so a reconnect after
    /// the drop is already refused; true when a live connection was dropped.
    /// </summary>
    private async Task<bool> EndSessionAsync(string reason, CancellationToken cancellationToken)
    {
        if (connections is null)
        {
            return false;
        }

        try
        {
            return await connections.EndSessionAsync(DeviceId, reason, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // The credentials no longer hold: the connection cannot come back, and the caller is told none was dropped.
            CredentialLog.DisconnectFailed(logger, exception, DeviceId);
            return false;
        }
    }

    /// <inheritdoc />
    public async Task ConnectionChanged(bool online, string? reason, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        if (!IsRegistered)
        {
            return;
        }

        S.Online = online;
        S.LastSeen = at;
        ExpireCommands();
        await WriteAsync(cancellationToken);
        await Hospital.SetDeviceConnection(DeviceId, online, at, cancellationToken);
        if (online)
        {
            // Queued commands in order, and the desired configuration again until the device reports its version.
            await DeliverAsync(resendConfiguration: true, cancellationToken);
        }
    }

    private IHospitalGrain Hospital => GrainFactory.GetGrain<IHospitalGrain>(S.HospitalId!);

    private void RequireRegistered()
    {
        if (!IsRegistered)
        {
            throw new DeviceNotFoundException(DeviceId);
        }
    }

    private async Task WriteAsync(CancellationToken cancellationToken)
    {
        S.RecentResults = _window.Newest(options.PersistedDedupWindow);
        await state.WriteStateAsync(cancellationToken);
        S.RecentResults = []; // written; the window is where they are looked up
        _unwritten = 0;
    }

    private Task FlushAsync(CancellationToken cancellationToken) =>
        _unwritten > 0 && IsRegistered ? WriteAsync(cancellationToken) : Task.CompletedTask;
}
