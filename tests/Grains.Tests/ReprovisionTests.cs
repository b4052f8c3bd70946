using System.Text.Json;
using Visco.Grains.Interfaces.Devices;
using Visco.Grains.Interfaces.Fleet;
using Visco.Grains.Interfaces.Hospitals;
using Visco.Grains.Interfaces.Ingress;
using Visco.Grains.Tests.Hosting;

namespace Visco.Grains.Tests;

/// <summary>
/// Re-provisioning a device: its credentials retired, its live connection dropped, back to Provisioning for one
/// claim, its commands restarted; never for a revoked or unknown device. A certificate signed on the state before a
/// re-provisioning (or a second claim) is not recorded after it.
/// </summary>
public sealed class ReprovisionTests : IAsyncLifetime
{
    private DomainSilo _silo = null!;

    /// <inheritdoc />
    public async Task InitializeAsync() => _silo = await DomainSilo.StartInMemoryAsync(withModel: false);

    /// <inheritdoc />
    public async Task DisposeAsync() => await _silo.DisposeAsync();

    [Fact]
    public async Task Reprovision_DeviceWithCertificates_AllRetiredProvisioningDisconnectedAndRetainedCertificateCleared()
    {
        var device = await CertificateDeviceAsync("cert-1", "AA11", "bb22");
        await DeviceSide.ConnectAsync(_silo, "h1", "cert-1");

        var outcome = await device.Reprovision("board replaced", "admin-7");

        Assert.Equal(("cert-1", "h1", DeviceStatus.Provisioning), (outcome.DeviceId, outcome.HospitalId, outcome.Status));
        Assert.Equal(["aa11", "bb22"], outcome.RetiredThumbprints);
        Assert.False(outcome.SecretCleared);
        Assert.True(outcome.Disconnected);
        Assert.Equal(_silo.Time.GetUtcNow(), outcome.ReprovisionedAt);
        var record = await _silo.Directory.FindAsync("cert-1");
        Assert.Equal(DeviceStatus.Provisioning, record!.Status);
        Assert.Empty(record.CertificateThumbprints);
        Assert.Contains(_silo.Connections.Disconnected, d => d.DeviceId == "cert-1");
        Assert.Contains(_silo.Connections.SessionsEnded, d => d.DeviceId == "cert-1");
        var cleared = Assert.Single(_silo.Connections.Retained, r => r.DeviceId == "cert-1");
        Assert.Equal(("provisioning/cert-1/certificate", 0, true), (cleared.Message.Topic, cleared.Message.Payload.Length, cleared.Message.Retain));
        Assert.Equal(DeviceStatus.Provisioning, Assert.Single(await _silo.Grains.GetGrain<IHospitalGrain>("h1").GetRoster()).Status);
        var measurement = await _silo.SubmitAsync("h1", "cert-1", Payloads.Valid("s1"));
        Assert.Equal(DeviceMessageStatus.NotAuthorized, measurement.Status);
    }

    [Fact]
    public async Task Reprovision_ThenClaimCertificate_ActiveWithOnlyTheNewCertificate()
    {
        var device = await CertificateDeviceAsync("cert-2", "old1");
        await device.Reprovision("wiped", "admin");

        await _silo.Directory.RecordCertificateAsync("cert-2", "NEW2", _silo.Time.GetUtcNow().AddYears(1));

        var record = await _silo.Directory.FindAsync("cert-2");
        Assert.Equal(DeviceStatus.Active, record!.Status);
        Assert.Equal(["new2"], record.CertificateThumbprints);
        Assert.Equal(DeviceStatus.Active, Assert.Single(await _silo.Grains.GetGrain<IHospitalGrain>("h1").GetRoster()).Status);

        // No model is loaded here (Busy): what matters is that the device is authorized again.
        Assert.NotEqual(DeviceMessageStatus.NotAuthorized, (await _silo.SubmitAsync("h1", "cert-2", Payloads.Valid("s1"))).Status);
    }

    [Fact]
    public async Task ReprovisionDeviceAsync_SecretDevice_SecretNoLongerVerifiesAndOnlyAClaimBringsItBack()
    {
        var secret = await _silo.RegisterAsync("h1", "sec-1");
        Assert.True(await _silo.Directory.VerifySecretAsync("sec-1", secret));

        var outcome = await _silo.Registrar.ReprovisionDeviceAsync("sec-1", "key suspected stolen");

        Assert.True(outcome.SecretCleared);
        Assert.Empty(outcome.RetiredThumbprints);
        Assert.False(outcome.Disconnected);
        Assert.Contains(_silo.Connections.SessionsEnded, d => d.DeviceId == "sec-1");
        Assert.False(await _silo.Directory.VerifySecretAsync("sec-1", secret));
        Assert.Equal(DeviceStatus.Provisioning, (await _silo.Directory.FindAsync("sec-1"))!.Status);
    }

    [Fact]
    public async Task Reprovision_RevokedDevice_RefusedAndStaysRevoked()
    {
        await CertificateDeviceAsync("cert-3", "cc33");
        await _silo.Registrar.RevokeDeviceAsync("cert-3", "stolen");

        await Assert.ThrowsAsync<DeviceRevokedException>(() => _silo.Grains.GetGrain<IDeviceGrain>("cert-3").Reprovision("found again", "admin"));

        var record = await _silo.Directory.FindAsync("cert-3");
        Assert.Equal(DeviceStatus.Revoked, record!.Status);
        Assert.Equal(["cc33"], record.CertificateThumbprints);
        Assert.DoesNotContain(_silo.Connections.Retained, r => r.DeviceId == "cert-3");
    }

    [Fact]
    public async Task Reprovision_UnregisteredDevice_NotFound()
    {
        await Assert.ThrowsAsync<DeviceNotFoundException>(() => _silo.Grains.GetGrain<IDeviceGrain>("ghost").Reprovision("wiped", "admin"));

        Assert.Null(await _silo.Directory.FindAsync("ghost"));
    }

    [Fact]
    public async Task Reprovision_Twice_SecondRetiresNothingAndKeepsWhatWasQueuedSince()
    {
        var device = await CertificateDeviceAsync("cert-4", "dd44");
        var first = await device.Reprovision("wiped", "admin");
        var locate = await device.IssueCommand(new DeviceCommandRequest(DeviceCommandType.Locate, "admin"));
        _silo.Time.Advance(TimeSpan.FromMinutes(5));

        var again = await device.Reprovision("wiped", "admin");

        Assert.Equal((DeviceStatus.Provisioning, false, 0, first.ReprovisionedAt), (again.Status, again.SecretCleared, again.CancelledCommands, again.ReprovisionedAt));
        Assert.Empty(again.RetiredThumbprints);
        Assert.Equal(DeviceCommandStatus.Queued, (await device.GetCommand(locate.CommandId))!.Status);
        Assert.Equal(2, _silo.Connections.Retained.Count(r => r.DeviceId == "cert-4"));
    }

    [Fact]
    public async Task Reprovision_OpenCommandsAndAcknowledgedConfiguration_CommandsCancelledConfigurationSentAgainToTheNewDevice()
    {
        var device = await CertificateDeviceAsync("cert-5", "ee55");
        var configuration = await device.SetDesiredConfiguration(JsonDocument.Parse("{\"stateIntervalSeconds\":30}").RootElement, "admin");
        await DeviceSide.ConnectAsync(_silo, "h1", "cert-5");
        await DeviceSide.ReportStateAsync(_silo, "h1", "cert-5", 1);
        Assert.True((await device.GetConfiguration())!.Acknowledged);
        await DeviceSide.DisconnectAsync(_silo, "h1", "cert-5");
        var wipe = await device.IssueCommand(new DeviceCommandRequest(DeviceCommandType.Wipe, "admin"));

        var outcome = await device.Reprovision("board replaced", "admin");

        Assert.Equal(1, outcome.CancelledCommands);
        var cancelled = await device.GetCommand(wipe.CommandId);
        Assert.Equal((DeviceCommandStatus.Cancelled, "device re-provisioned"), (cancelled!.Status, cancelled.Reason));
        var status = await device.GetConfiguration();
        Assert.Equal((1L, false), (status!.DesiredVersion, status.Acknowledged));
        Assert.NotEqual(configuration.CommandId, status.CommandId);
        Assert.Equal(DeviceCommandStatus.Queued, status.CommandStatus);

        // The replacement board gets its certificate by claim and connects: the configuration goes out, the wipe never.
        await _silo.Directory.RecordCertificateAsync("cert-5", "ff66", _silo.Time.GetUtcNow().AddYears(1));
        var before = _silo.Connections.CommandsTo("cert-5").Count;
        await DeviceSide.ConnectAsync(_silo, "h1", "cert-5");

        var sent = Assert.Single(_silo.Connections.CommandsTo("cert-5").Skip(before));
        Assert.Equal(("set-configuration", 1L, status.CommandId), (sent.GetProperty("type").GetString(), sent.GetProperty("version").GetInt64(), sent.GetProperty("commandId").GetString()));
        await DeviceSide.ReportStateAsync(_silo, "h1", "cert-5", 1);
        Assert.True((await device.GetConfiguration())!.Acknowledged);
    }

    [Fact]
    public async Task Reprovision_WhileConfigurationUnacknowledged_SameCommandStaysOpen()
    {
        var device = await CertificateDeviceAsync("cert-6", "a6");
        var configuration = await device.SetDesiredConfiguration(JsonDocument.Parse("{\"stateIntervalSeconds\":30}").RootElement, "admin");

        var outcome = await device.Reprovision("wiped", "admin");

        Assert.Equal(0, outcome.CancelledCommands);
        var status = await device.GetConfiguration();
        Assert.Equal((configuration.CommandId, DeviceCommandStatus.Queued), (status!.CommandId, status.CommandStatus));
        Assert.Equal(1, (await device.GetStatus())!.PendingCommands);
    }

    [Fact]
    public async Task RecordIssuedCertificate_RenewalOverACertificateRetiredMeanwhile_RefusedAndReprovisioningStands()
    {
        // The front door checked the renewal (active, over "old1") and signed; the device was re-provisioned before it recorded.
        var device = await CertificateDeviceAsync("race-1", "old1");
        await device.Reprovision("key suspected stolen", "admin");

        var refused = await Assert.ThrowsAsync<CertificateIssueRefusedException>(() =>
            device.RecordIssuedCertificate(new CertificateIssue("new1", _silo.Time.GetUtcNow().AddYears(1), ByClaim: false, RenewedWith: "old1")));

        Assert.Equal("device is Provisioning", refused.Reason);
        var record = await _silo.Directory.FindAsync("race-1");
        Assert.Equal(DeviceStatus.Provisioning, record!.Status);
        Assert.Empty(record.CertificateThumbprints);
    }

    [Fact]
    public async Task RecordIssuedCertificate_RenewalOverACertificateNoLongerTheDevices_Refused()
    {
        var device = await CertificateDeviceAsync("race-2", "old2");
        await device.Reprovision("board replaced", "admin");
        await device.RecordIssuedCertificate(new CertificateIssue("claimed2", _silo.Time.GetUtcNow().AddYears(1), ByClaim: true));

        var refused = await Assert.ThrowsAsync<CertificateIssueRefusedException>(() =>
            device.RecordIssuedCertificate(new CertificateIssue("new2", _silo.Time.GetUtcNow().AddYears(1), ByClaim: false, RenewedWith: "OLD2")));

        Assert.Contains("retired", refused.Reason, StringComparison.Ordinal);
        Assert.Equal(["claimed2"], (await _silo.Directory.FindAsync("race-2"))!.CertificateThumbprints);
    }

    [Fact]
    public async Task RecordIssuedCertificate_SecondClaimRacingTheFirst_RefusedAndTheFirstStaysTheOnlyOne()
    {
        var device = await CertificateDeviceAsync("race-3");

        await device.RecordIssuedCertificate(new CertificateIssue("first3", _silo.Time.GetUtcNow().AddYears(1), ByClaim: true));
        var refused = await Assert.ThrowsAsync<CertificateIssueRefusedException>(() =>
            device.RecordIssuedCertificate(new CertificateIssue("second3", _silo.Time.GetUtcNow().AddYears(1), ByClaim: true)));

        Assert.Contains("already has a certificate", refused.Reason, StringComparison.Ordinal);
        var record = await _silo.Directory.FindAsync("race-3");
        Assert.Equal((DeviceStatus.Active, "first3"), (record!.Status, Assert.Single(record.CertificateThumbprints)));
    }

    [Fact]
    public async Task RecordIssuedCertificate_RenewalOverTheCurrentCertificate_RecordedBesideIt()
    {
        var device = await CertificateDeviceAsync("renew-1", "cur1");

        await device.RecordIssuedCertificate(new CertificateIssue("next1", _silo.Time.GetUtcNow().AddYears(1), ByClaim: false, RenewedWith: "CUR1"));

        Assert.Equal(["cur1", "next1"], (await _silo.Directory.FindAsync("renew-1"))!.CertificateThumbprints);
    }

    [Fact]
    public async Task RecordIssuedCertificate_RevokedDevice_Refused()
    {
        var device = await CertificateDeviceAsync("rev-1", "r1");
        await _silo.Registrar.RevokeDeviceAsync("rev-1", "stolen");

        await Assert.ThrowsAsync<CertificateIssueRefusedException>(() =>
            device.RecordIssuedCertificate(new CertificateIssue("r2", _silo.Time.GetUtcNow().AddYears(1), ByClaim: false, RenewedWith: "r1")));

        Assert.Equal(["r1"], (await _silo.Directory.FindAsync("rev-1"))!.CertificateThumbprints);
    }

    private async Task<IDeviceGrain> CertificateDeviceAsync(string deviceId, params string[] thumbprints)
    {
        await _silo.Registrar.CreateHospitalAsync("h1", "One");
        await _silo.Registrar.RegisterDeviceAsync("h1", deviceId, withSecret: false);
        foreach (var thumbprint in thumbprints)
        {
            await _silo.Directory.RecordCertificateAsync(deviceId, thumbprint, _silo.Time.GetUtcNow().AddYears(1));
        }

        return _silo.Grains.GetGrain<IDeviceGrain>(deviceId);
    }
}
