extern alias firmware;

using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using firmware::Visco.Firmware.Configuration;
using firmware::Visco.Firmware.Security;
using Visco.EndToEnd.Tests.Agents;
using Visco.Grains.Interfaces.Devices;
using Visco.MqttFrontDoor.Security;
using Visco.Silo.Cli;
using Visco.TestKit;

namespace Visco.EndToEnd.Tests;

/// <summary>
/// Issue 7, provisioning by claim against the real silo: the device CA of <c>create-device-ca</c>, devices of
/// <c>register-devices --provisioning</c> (no secret) and claims of <c>create-claim</c> — the verbs themselves, on the
/// silo's data folder — then the agent boots with only the claim, gets its certificate over MQTT/TLS and measures as
/// the device. Refused claims are logged clearly and retried at the longest delay, never in a tight loop.
/// </summary>
public sealed partial class ProvisioningEndToEndTests : IAsyncLifetime
{
    private const string Hospital = "h-prov";
    private readonly string _data = Directory.CreateTempSubdirectory("visco-e2e-prov-").FullName;
    private RunningSilo _silo = null!;
    private Claim _claim = null!;
    private Claim _expired = null!;

    public async Task InitializeAsync()
    {
        Assert.Equal(0, await SiloCommandLine.RunAsync(["create-device-ca", "--data", _data]));
        Assert.Equal(0, await SiloCommandLine.RunAsync(["register-devices", "--data", _data, "--hospital", Hospital, "--count", "6", "--provisioning"]));
        Assert.Equal(0, await SiloCommandLine.RunAsync(["create-claim", "--data", _data, "--hospital", Hospital, "--out", Path.Combine(_data, "claims")]));
        Assert.Equal(0, await SiloCommandLine.RunAsync(["create-claim", "--data", _data, "--hospital", Hospital, "--days", "0.00001", "--out", Path.Combine(_data, "expired")]));
        _claim = await Claim.ReadAsync(Path.Combine(_data, "claims"));
        _expired = await Claim.ReadAsync(Path.Combine(_data, "expired"));
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _silo = await RunningSilo.StartAsync(_data);
    }

    public async Task DisposeAsync()
    {
        await _silo.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        TemporaryDirectory.Delete(_data);
    }

    [Fact]
    public async Task FirstBoot_WithOnlyTheClaim_ProvisionsStoresOwnerOnlyReconnectsAsDeviceAndGetsResult()
    {
        const string deviceId = Hospital + "-analyser-001";
        await using var device = TestAgent.Create(ClaimOptions(deviceId, _claim.ClaimId, _claim.Secret));

        await device.Agent.StartAsync();
        await device.Log.WaitForAsync("certificate received and stored");
        await device.Log.WaitForAsync($"Agent {deviceId} connected over MQTT");
        var taken = await device.Agent.MeasureAsync();
        await device.Probe.WaitForResultsAsync(1);

        var store = new CredentialStore(device.Options.StateDirectory);
        Assert.True(store.HasCertificate);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(store.KeyPath));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(store.CertificatePath));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(store.Directory));
        }

        using var certificate = X509Certificate2.CreateFromPem(await File.ReadAllTextAsync(store.CertificatePath));
        Assert.Equal(deviceId, certificate.GetNameInfo(X509NameType.SimpleName, forIssuer: false));
        var record = await _silo.Services.GetRequiredService<IDeviceDirectory>().FindAsync(deviceId);
        Assert.Equal(DeviceStatus.Active, record!.Status);
        Assert.Contains(DeviceCertificateAuthority.Thumbprint(certificate), record.CertificateThumbprints, StringComparer.OrdinalIgnoreCase);

        // The device has no secret (registered --provisioning): the result proves it connected with its certificate.
        var stored = Assert.Single(await MeasurementPathTests.WaitForStoredAsync(_silo, Hospital, taken.SampleId));
        Assert.Equal(deviceId, stored.DeviceId);
        Assert.Equal(0, device.Agent.QueueDepth);
        Assert.DoesNotContain(device.Log.Lines, l => l.Level >= Microsoft.Extensions.Logging.LogLevel.Error);
    }

    [Theory]
    [InlineData("wrong secret")]
    [InlineData("unknown claim")]
    [InlineData("expired claim")]
    public async Task FirstBoot_RefusedClaim_ClearLogLineLongestDelayNoCredentials(string kind)
    {
        var (claimId, secret) = kind switch
        {
            "wrong secret" => (_claim.ClaimId, "not-the-secret"),
            "unknown claim" => ("claim-nobody", _claim.Secret),
            _ => (_expired.ClaimId, _expired.Secret),
        };
        if (kind == "expired claim" && _expired.ExpiresAt - DateTimeOffset.UtcNow is { Ticks: > 0 } left)
        {
            // The claim of --days 0.00001 lives under a second; on a fast machine the test can get here before that.
            await Task.Delay(left + TimeSpan.FromMilliseconds(50));
        }

        const string deviceId = Hospital + "-analyser-002";
        await using var device = TestAgent.Create(ClaimOptions(deviceId, claimId, secret));

        await device.Agent.StartAsync();
        var line = await device.Log.WaitForAsync("provisioning by claim");
        var failed = await device.Log.WaitForAsync($"provisioning by claim {claimId} failed (attempt 1)");

        Assert.Contains("refused claim", failed, StringComparison.Ordinal);
        Assert.Contains("BadUserNameOrPassword", failed, StringComparison.Ordinal);
        Assert.True(NextAttemptSeconds(failed) >= 300, failed);
        Assert.NotNull(line);
        Assert.False(device.Agent.Completion.IsCompleted);
        Assert.False(new CredentialStore(device.Options.StateDirectory).HasCertificate);
        var record = await _silo.Services.GetRequiredService<IDeviceDirectory>().FindAsync(deviceId);
        Assert.Equal(DeviceStatus.Provisioning, record!.Status);
    }

    [Fact]
    public async Task FirstBoot_ClaimForADeviceAlreadyProvisioned_RefusedAndTheDevicesCertificateStaysTheOnlyOne()
    {
        const string deviceId = Hospital + "-analyser-003";
        await using (var genuine = TestAgent.Create(ClaimOptions(deviceId, _claim.ClaimId, _claim.Secret)))
        {
            await genuine.Agent.StartAsync();
            await genuine.Log.WaitForAsync($"Agent {deviceId} connected over MQTT");
        }

        var directory = _silo.Services.GetRequiredService<IDeviceDirectory>();
        var issued = (await directory.FindAsync(deviceId))!.CertificateThumbprints;

        // Someone holding the hospital's claim tries to get a certificate for a device that already has one.
        await using var impostor = TestAgent.Create(ClaimOptions(deviceId, _claim.ClaimId, _claim.Secret));
        await impostor.Agent.StartAsync();
        var failed = await impostor.Log.WaitForAsync($"provisioning by claim {_claim.ClaimId} failed (attempt 1)");

        Assert.Contains("already has a certificate", failed, StringComparison.Ordinal);
        Assert.True(NextAttemptSeconds(failed) >= 300, failed);
        Assert.False(impostor.Agent.Completion.IsCompleted);
        Assert.False(new CredentialStore(impostor.Options.StateDirectory).HasCertificate);
        Assert.Equal(issued, (await directory.FindAsync(deviceId))!.CertificateThumbprints);
    }

    [Fact]
    public async Task FirstBoot_AnswerLostAfterTheRequest_NextBootFindsTheRetainedCertificateForItsKey()
    {
        const string deviceId = Hospital + "-analyser-005";
        var options = ClaimOptions(deviceId, _claim.ClaimId, _claim.Secret);
        var store = new CredentialStore(options.StateDirectory);

        // A first boot that crashed right after sending its request: the key was kept, the answer never read.
        using (var key = store.LoadOrCreatePendingKey())
        {
            var csr = new CertificateRequest($"CN={deviceId}", key, HashAlgorithmName.SHA256).CreateSigningRequestPem();
            await using var crashed = new Visco.Mqtt.Client.MqttClient(new Visco.Mqtt.Client.MqttClientOptions
            {
                Port = _silo.MqttPort,
                ClientId = deviceId,
                UserName = _claim.ClaimId,
                Password = Encoding.UTF8.GetBytes(_claim.Secret),
            });
            await crashed.ConnectAsync();
            await crashed.PublishAsync(new Visco.Mqtt.Client.MqttApplicationMessage
            {
                Topic = $"provisioning/{deviceId}/csr",
                Payload = Encoding.ASCII.GetBytes(csr),
                QualityOfService = Visco.Mqtt.Packets.MqttQualityOfService.AtLeastOnce,
            });
        }

        var directory = _silo.Services.GetRequiredService<IDeviceDirectory>();
        var issued = Assert.Single((await directory.FindAsync(deviceId))!.CertificateThumbprints);
        Assert.False(store.HasCertificate);

        await using var device = TestAgent.Create(options);
        await device.Agent.StartAsync();
        await device.Log.WaitForAsync("certificate received and stored");
        await device.Log.WaitForAsync($"Agent {deviceId} connected over MQTT");
        var taken = await device.Agent.MeasureAsync();
        await device.Probe.WaitForResultsAsync(1);

        using var certificate = X509Certificate2.CreateFromPem(await File.ReadAllTextAsync(store.CertificatePath));
        Assert.Equal(issued, DeviceCertificateAuthority.Thumbprint(certificate), StringComparer.OrdinalIgnoreCase);
        Assert.Equal(issued, Assert.Single((await directory.FindAsync(deviceId))!.CertificateThumbprints));
        Assert.False(File.Exists(store.PendingKeyPath));
        Assert.Single(await MeasurementPathTests.WaitForStoredAsync(_silo, Hospital, taken.SampleId));
    }

    [Fact]
    public async Task Certificate_AboutToExpire_RenewedOverItsOwnConnectionThenMeasuresWithTheNewOne()
    {
        const string deviceId = Hospital + "-analyser-004";
        var options = ClaimOptions(deviceId, _claim.ClaimId, _claim.Secret);
        var store = new CredentialStore(options.StateDirectory);
        var directory = _silo.Services.GetRequiredService<IDeviceDirectory>();
        string oldThumbprint;
        using (var key = ECDsa.Create(ECCurve.NamedCurves.nistP256))
        using (var authority = DeviceCertificateAuthority.Load(Path.Combine(_data, "pki")))
        {
            // Issued by the silo's device CA for twelve hours; the analyser's clock reads ten hours on (below), so to it
            // the certificate is in the last third of its life: due for renewal, yet still valid for the cloud.
            var csr = new CertificateRequest($"CN={deviceId}", key, HashAlgorithmName.SHA256).CreateSigningRequestPem();
            using var old = authority.SignRequest(Encoding.ASCII.GetBytes(csr), deviceId, TimeSpan.FromHours(12), DateTimeOffset.UtcNow);
            oldThumbprint = DeviceCertificateAuthority.Thumbprint(old);
            await directory.RecordCertificateAsync(deviceId, oldThumbprint, new DateTimeOffset(old.NotAfter.ToUniversalTime()));
            store.Save(key, old.ExportCertificatePem() + "\n", null);
        }

        await using var device = TestAgent.Create(options, new AheadTimeProvider(TimeSpan.FromHours(10)));
        await device.Agent.StartAsync();
        await device.Log.WaitForAsync("renewing it over the connection");
        await device.Log.WaitForAsync("certificate renewed and stored");
        await device.Probe.WaitForReconnectsAsync(1);
        var taken = await device.Agent.MeasureAsync();
        await device.Probe.WaitForResultsAsync(1);

        using var renewed = X509Certificate2.CreateFromPem(await File.ReadAllTextAsync(store.CertificatePath));
        var newThumbprint = DeviceCertificateAuthority.Thumbprint(renewed);
        Assert.NotEqual(oldThumbprint, newThumbprint);
        Assert.True(renewed.NotAfter.ToUniversalTime() > DateTime.UtcNow.AddDays(300));
        Assert.Contains(newThumbprint, (await directory.FindAsync(deviceId))!.CertificateThumbprints, StringComparer.OrdinalIgnoreCase);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(store.KeyPath));
        }

        Assert.Empty(device.Log.Matching("provisioning by claim"));
        Assert.DoesNotContain(device.Log.Lines, l => l.Level >= Microsoft.Extensions.Logging.LogLevel.Error);
        Assert.Single(await MeasurementPathTests.WaitForStoredAsync(_silo, Hospital, taken.SampleId));
    }

    private AgentOptions ClaimOptions(string deviceId, string claimId, string claimSecret) => new()
    {
        DeviceId = deviceId,
        HospitalId = Hospital,
        StateDirectory = TestAgent.NewStateDirectory(),
        FirmwareVersion = "2.4.0",
        ProvisioningTimeoutSeconds = 20,
        Broker = new BrokerOptions
        {
            Host = "127.0.0.1",
            Port = _silo.TlsPort,
            Tls = true,

            // The silo's development server certificate (self-signed), created under the data folder on first start.
            CaCertificateFile = Path.Combine(_data, "mqtt-server.crt.pem"),
            ReconnectInitialDelayMs = 100,
            ReconnectMaximumDelayMs = 600_000,
        },
        Authentication = new AuthenticationOptions { Mode = AuthenticationMode.Claim, ClaimId = claimId, ClaimSecret = claimSecret },
    };

    private static double NextAttemptSeconds(string line) =>
        double.Parse(NextAttempt().Match(line).Groups[1].Value, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"next attempt in ([0-9.]+) s")]
    private static partial Regex NextAttempt();

    /// <summary>A claim file written by <c>create-claim</c>.</summary>
    private sealed record Claim(string ClaimId, string Secret, DateTimeOffset ExpiresAt)
    {
        public static async Task<Claim> ReadAsync(string folder)
        {
            var file = Assert.Single(Directory.GetFiles(folder, "*.json"));
            var json = JsonDocument.Parse(await File.ReadAllTextAsync(file)).RootElement;
            return new Claim(json.GetProperty("claimId").GetString()!, json.GetProperty("secret").GetString()!, json.GetProperty("expiresAt").GetDateTimeOffset());
        }
    }
}
