using Visco.Grains.Interfaces.Devices;
using Visco.Grains.Interfaces.Fleet;
using Visco.Grains.Interfaces.Hospitals;
using Visco.Grains.Interfaces.Ingress;
using Visco.Grains.Tests.Hosting;

namespace Visco.Grains.Tests;

/// <summary>Registration, credentials, revocation and claims through the registrar and the directory the front door uses.</summary>
public sealed class FleetTests : IAsyncLifetime
{
    private DomainSilo _silo = null!;

    /// <inheritdoc />
    public async Task InitializeAsync() => _silo = await DomainSilo.StartInMemoryAsync();

    /// <inheritdoc />
    public async Task DisposeAsync() => await _silo.DisposeAsync();

    [Fact]
    public async Task HandleAsync_UnregisteredDevice_NotAuthorized()
    {
        var answer = await _silo.SubmitAsync("h1", "ghost", Payloads.Valid("s"));

        Assert.Equal(DeviceMessageStatus.NotAuthorized, answer.Status);
        Assert.Contains("not registered", answer.Reason, StringComparison.Ordinal);
        Assert.Null(await _silo.Directory.FindAsync("ghost"));
        Assert.False(await _silo.Directory.VerifySecretAsync("ghost", "anything"));
    }

    [Fact]
    public async Task RevokeDeviceAsync_ActiveDevice_RefusesItEverywhereAndDisconnectsIt()
    {
        var secret = await _silo.RegisterAsync("h1", "dev-1");
        Assert.True(await _silo.Directory.VerifySecretAsync("dev-1", secret));

        await _silo.Registrar.RevokeDeviceAsync("dev-1", "stolen");

        Assert.False(await _silo.Directory.VerifySecretAsync("dev-1", secret));
        Assert.Equal(DeviceStatus.Revoked, (await _silo.Directory.FindAsync("dev-1"))!.Status);
        Assert.Contains(_silo.Connections.Disconnected, d => d.DeviceId == "dev-1");
        Assert.Contains(_silo.Connections.SessionsEnded, d => d.DeviceId == "dev-1");
        var answer = await _silo.SubmitAsync("h1", "dev-1", Payloads.Valid("s"));
        Assert.Equal(DeviceMessageStatus.NotAuthorized, answer.Status);
        Assert.Contains("revoked", answer.Reason, StringComparison.Ordinal);
        var roster = await _silo.Grains.GetGrain<IHospitalGrain>("h1").GetRoster();
        Assert.Equal(DeviceStatus.Revoked, Assert.Single(roster).Status);
    }

    [Fact]
    public async Task HandleAsync_DeviceOfAnotherHospital_NotAuthorized()
    {
        await _silo.RegisterAsync("h1", "dev-1");

        var answer = await _silo.SubmitAsync("h2", "dev-1", Payloads.Valid("s"));

        Assert.Equal(DeviceMessageStatus.NotAuthorized, answer.Status);
    }

    [Fact]
    public async Task RotateSecretAsync_RegisteredDevice_OldSecretStopsWorking()
    {
        var old = await _silo.RegisterAsync("h1", "dev-1");

        var rotated = await _silo.Registrar.RotateSecretAsync("dev-1");

        Assert.NotEqual(old, rotated.Secret);
        Assert.False(await _silo.Directory.VerifySecretAsync("dev-1", old));
        Assert.True(await _silo.Directory.VerifySecretAsync("dev-1", rotated.Secret!));
        Assert.False(await _silo.Directory.VerifySecretAsync("dev-1", rotated.Secret! + "x"));
    }

    [Fact]
    public async Task RegisterDeviceAsync_Twice_Throws()
    {
        await _silo.RegisterAsync("h1", "dev-1");

        await Assert.ThrowsAsync<DeviceAlreadyRegisteredException>(() => _silo.Registrar.RegisterDeviceAsync("h1", "dev-1"));
        await Assert.ThrowsAsync<HospitalNotFoundException>(() => _silo.Registrar.RegisterDeviceAsync("nowhere", "dev-2"));
        await Assert.ThrowsAsync<ArgumentException>(() => _silo.Registrar.RegisterDeviceAsync("h1", "devices/#"));
    }

    [Fact]
    public async Task RecordCertificateAsync_ProvisioningDevice_BecomesActiveWithThumbprint()
    {
        await _silo.Registrar.CreateHospitalAsync("h1", "One");
        var credentials = await _silo.Registrar.RegisterDeviceAsync("h1", "cert-dev", withSecret: false);
        Assert.Null(credentials.Secret);
        Assert.Equal(DeviceStatus.Provisioning, (await _silo.Directory.FindAsync("cert-dev"))!.Status);
        Assert.Equal(DeviceMessageStatus.NotAuthorized, (await _silo.SubmitAsync("h1", "cert-dev", Payloads.Valid("s"))).Status);

        await _silo.Directory.RecordCertificateAsync("cert-dev", "ABCDEF0123", _silo.Time.GetUtcNow().AddYears(1));

        var record = await _silo.Directory.FindAsync("cert-dev");
        Assert.Equal(DeviceStatus.Active, record!.Status);
        Assert.Equal(["abcdef0123"], record.CertificateThumbprints);
        Assert.Equal(DeviceMessageStatus.Accepted, (await _silo.SubmitAsync("h1", "cert-dev", Payloads.Valid("s"))).Status);
    }

    [Fact]
    public async Task VerifyClaimAsync_UntilExpiry_ReturnsClaimThenNull()
    {
        await _silo.Registrar.CreateHospitalAsync("h1", "One");
        var claim = await _silo.Registrar.CreateClaimAsync("h1", TimeSpan.FromHours(1));

        var verified = await _silo.Directory.VerifyClaimAsync(claim.ClaimId, claim.Secret);
        Assert.Equal("h1", verified!.HospitalId);
        Assert.Null(await _silo.Directory.VerifyClaimAsync(claim.ClaimId, "wrong"));

        _silo.Time.Advance(TimeSpan.FromHours(1));
        Assert.Null(await _silo.Directory.VerifyClaimAsync(claim.ClaimId, claim.Secret));
    }

    [Fact]
    public async Task ConnectionChangedAsync_OnlineThenState_UpdatesStatusAndRoster()
    {
        await _silo.RegisterAsync("h1", "dev-1");

        await _silo.Handler.ConnectionChangedAsync("dev-1", "h1", online: true, reason: null);
        var state = await _silo.Handler.HandleAsync(new DeviceMessage(
            "dev-1", "h1", DeviceMessageKind.State, null, Payloads.Text("{\"firmware\":\"3.0.0\",\"configurationVersion\":\"c7\"}"), _silo.Time.GetUtcNow(), 4));

        Assert.Equal(DeviceMessageStatus.Accepted, state.Status);
        var status = await _silo.Grains.GetGrain<IDeviceGrain>("dev-1").GetStatus();
        Assert.True(status!.Online);
        Assert.Equal("3.0.0", status.Firmware);
        Assert.Equal("c7", status.ConfigurationVersion);
        Assert.True(Assert.Single(await _silo.Grains.GetGrain<IHospitalGrain>("h1").GetRoster()).Online);

        await _silo.Handler.ConnectionChangedAsync("dev-1", "h1", online: false, reason: "keep-alive timeout");
        Assert.False((await _silo.Grains.GetGrain<IDeviceGrain>("dev-1").GetStatus())!.Online);
    }
}
