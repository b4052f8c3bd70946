extern alias firmware;

using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using firmware::Visco.Firmware.Agent;
using firmware::Visco.Firmware.Security;
using Visco.Api.Auth;
using Visco.EndToEnd.Tests.Agents;
using Visco.Grains.Interfaces.Devices;
using Visco.Grains.Interfaces.Ingress;
using Visco.Mqtt.Client;
using Visco.Mqtt.Packets;

namespace Visco.EndToEnd.Tests;

/// <summary>
/// Re-provisioning through the API, with the real agent: a wiped analyser (or one whose credentials must be
/// distrusted) comes back only through its hospital's claim, and the certificate it held before never connects again.
/// </summary>
public sealed partial class ProvisioningEndToEndTests
{
    [Fact]
    public async Task Wiped_ReprovisionedThroughTheApi_OldCertificateRefusedClaimProvisionsAgainAndMeasures()
    {
        const string deviceId = Hospital + "-analyser-rp1";
        using var http = DeviceAdminHttp();
        await RegisterForClaimAsync(http, deviceId);
        var options = ClaimOptions(deviceId, _claim.ClaimId, _claim.Secret);
        var store = new CredentialStore(options.StateDirectory);
        string oldCertificatePem;
        string oldKeyPem;
        await using (var first = TestAgent.Create(options))
        {
            await first.Agent.StartAsync();
            await first.Log.WaitForAsync($"Agent {deviceId} connected over MQTT");
            oldCertificatePem = await File.ReadAllTextAsync(store.CertificatePath);
            oldKeyPem = await File.ReadAllTextAsync(store.KeyPath);

            // The wipe command: the agent answers, deletes its credentials, queue and state, and stops.
            using var wipe = await http.PostAsJsonAsync($"/api/v1/hospitals/{Hospital}/devices/{deviceId}/commands", new { type = "wipe" });
            Assert.True(wipe.StatusCode == HttpStatusCode.Accepted, await wipe.Content.ReadAsStringAsync());
            Assert.Equal(AgentStopReason.Wiped, await first.Agent.Completion.WaitAsync(TimeSpan.FromSeconds(30)));
            var commandId = JsonDocument.Parse(await wipe.Content.ReadAsStringAsync()).RootElement.GetProperty("commandId").GetString()!;
            Assert.Equal("applied", await WaitForCommandStatusAsync(http, deviceId, commandId, "applied"));
        }

        Assert.False(store.HasCertificate);

        // Before: the certificate of the first provisioning is retained, so a claim subscriber is handed it first.
        Assert.Equal($"provisioning/{deviceId}/certificate", await FirstProvisioningAnswerAsync(deviceId));
        using var oldCertificate = CredentialStore.LoadPem(oldCertificatePem, oldKeyPem);
        var oldThumbprint = DeviceCertificateAuthorityThumbprint(oldCertificate);

        using var reprovisioned = await http.PostAsJsonAsync($"/api/v1/hospitals/{Hospital}/devices/{deviceId}/reprovision", new { reason = "wiped for service" });

        var body = await reprovisioned.Content.ReadAsStringAsync();
        Assert.True(reprovisioned.StatusCode == HttpStatusCode.OK, body);
        var outcome = JsonDocument.Parse(body).RootElement;
        Assert.Equal(oldThumbprint, Assert.Single(outcome.GetProperty("retiredThumbprints").EnumerateArray()).GetString(), StringComparer.OrdinalIgnoreCase);
        var directory = _silo.Services.GetRequiredService<IDeviceDirectory>();
        Assert.Equal(DeviceStatus.Provisioning, (await directory.FindAsync(deviceId))!.Status);

        // After: that retained certificate is gone; the first thing a claim subscriber gets is the answer to its request.
        Assert.Equal($"provisioning/{deviceId}/error", await FirstProvisioningAnswerAsync(deviceId));

        // Whoever kept the old key and certificate (a copy, a thief) is refused at CONNECT.
        var refused = await Assert.ThrowsAsync<MqttConnectionRefusedException>(() => ConnectWithCertificateAsync(deviceId, oldCertificate));
        Assert.Equal(MqttConnectReasonCode.NotAuthorized, refused.ReasonCode);

        // The wiped analyser boots again with only its claim, gets a new certificate and measures as the device.
        await using var again = TestAgent.Create(options);
        await again.Agent.StartAsync();
        await again.Log.WaitForAsync("certificate received and stored");
        await again.Log.WaitForAsync($"Agent {deviceId} connected over MQTT");
        var taken = await again.Agent.MeasureAsync();
        await again.Probe.WaitForResultsAsync(1);

        Assert.Single(await MeasurementPathTests.WaitForStoredAsync(_silo, Hospital, taken.SampleId));
        var renewed = await ThumbprintAsync(store);
        Assert.NotEqual(oldThumbprint, renewed, StringComparer.OrdinalIgnoreCase);
        var record = await directory.FindAsync(deviceId);
        Assert.Equal(DeviceStatus.Active, record!.Status);
        Assert.Equal(renewed, Assert.Single(record.CertificateThumbprints), StringComparer.OrdinalIgnoreCase);
        refused = await Assert.ThrowsAsync<MqttConnectionRefusedException>(() => ConnectWithCertificateAsync(deviceId, oldCertificate));
        Assert.Equal(MqttConnectReasonCode.NotAuthorized, refused.ReasonCode);

        // Provisioned again, the device is like any provisioned one: the claim may not mint it a second certificate.
        await using var impostor = TestAgent.Create(ClaimOptions(deviceId, _claim.ClaimId, _claim.Secret));
        await impostor.Agent.StartAsync();
        var failed = await impostor.Log.WaitForAsync("already has a certificate");
        Assert.Contains($"provisioning by claim {_claim.ClaimId} failed", failed, StringComparison.Ordinal);
        Assert.False(new CredentialStore(impostor.Options.StateDirectory).HasCertificate);
        Assert.Equal(renewed, Assert.Single((await directory.FindAsync(deviceId))!.CertificateThumbprints), StringComparer.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Reprovision_WhileConnectedWithItsCertificate_SessionDroppedAndReconnectRefused()
    {
        const string deviceId = Hospital + "-analyser-rp2";
        using var http = DeviceAdminHttp();
        await RegisterForClaimAsync(http, deviceId);
        await using var device = TestAgent.Create(ClaimOptions(deviceId, _claim.ClaimId, _claim.Secret));
        await device.Agent.StartAsync();
        await device.Log.WaitForAsync($"Agent {deviceId} connected over MQTT");

        using var reprovisioned = await http.PostAsJsonAsync($"/api/v1/hospitals/{Hospital}/devices/{deviceId}/reprovision", new { reason = "key suspected stolen" });

        var body = await reprovisioned.Content.ReadAsStringAsync();
        Assert.True(reprovisioned.StatusCode == HttpStatusCode.OK, body);
        Assert.True(JsonDocument.Parse(body).RootElement.GetProperty("disconnected").GetBoolean());
        Assert.False(_silo.Services.GetRequiredService<IDeviceConnections>().IsConnected(deviceId));

        // Dropped (while idle, or while still subscribing: either way the agent reconnects) and refused on reconnect.
        var failed = await device.Log.WaitForAsync("device is Provisioning");
        Assert.Contains($"Agent {deviceId}: connect attempt", failed, StringComparison.Ordinal);
        Assert.Contains("NotAuthorized", failed, StringComparison.Ordinal);
        Assert.False(device.Agent.IsConnected);
    }

    private HttpClient DeviceAdminHttp()
    {
        var token = _silo.Services.GetRequiredService<TokenIssuer>().Mint(new TokenRequest("e2e-admin", ["device-admin"], [Hospital], TimeSpan.FromMinutes(10)));
        var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{_silo.HttpPort}") };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return http;
    }

    private static async Task RegisterForClaimAsync(HttpClient http, string deviceId)
    {
        using var registered = await http.PostAsJsonAsync($"/api/v1/hospitals/{Hospital}/devices", new { deviceId, certificateOnly = true });
        Assert.True(registered.StatusCode == HttpStatusCode.Created, await registered.Content.ReadAsStringAsync());
    }

    /// <summary>A bare CONNECT over mutual TLS with the given client certificate, as a holder of a copied key would try.</summary>
    private async Task ConnectWithCertificateAsync(string deviceId, X509Certificate2 certificate)
    {
        var authorities = new X509Certificate2Collection();
        authorities.ImportFromPemFile(Path.Combine(_data, "mqtt-server.crt.pem"));
        await using var client = new MqttClient(new MqttClientOptions
        {
            Host = "127.0.0.1",
            Port = _silo.TlsPort,
            ClientId = deviceId,
            Tls = new MqttClientTlsOptions { TrustedCertificateAuthorities = authorities, ClientCertificates = [certificate] },
        });
        await client.ConnectAsync();
    }

    /// <summary>
    /// Connects with the hospital's claim as the device, subscribes to its provisioning topics and sends a request
    /// that is not a CSR (refused on <c>provisioning/{id}/error</c>, changing nothing): retained messages are delivered
    /// right after the subscription, so the first topic received says whether a certificate was retained.
    /// </summary>
    private async Task<string> FirstProvisioningAnswerAsync(string deviceId)
    {
        var authorities = new X509Certificate2Collection();
        authorities.ImportFromPemFile(Path.Combine(_data, "mqtt-server.crt.pem"));
        var first = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var client = new MqttClient(new MqttClientOptions
        {
            Host = "127.0.0.1",
            Port = _silo.TlsPort,
            ClientId = deviceId,
            UserName = _claim.ClaimId,
            Password = System.Text.Encoding.UTF8.GetBytes(_claim.Secret),
            Tls = new MqttClientTlsOptions { TrustedCertificateAuthorities = authorities },
        });
        client.MessageReceived = (message, _) =>
        {
            first.TrySetResult(message.Topic);
            return ValueTask.CompletedTask;
        };
        await client.ConnectAsync();
        await client.SubscribeAsync($"provisioning/{deviceId}/+", MqttQualityOfService.AtLeastOnce);
        await client.PublishAsync(new MqttApplicationMessage
        {
            Topic = $"provisioning/{deviceId}/csr",
            Payload = "not a certificate request"u8.ToArray(),
            QualityOfService = MqttQualityOfService.AtLeastOnce,
        });
        return await first.Task.WaitAsync(TimeSpan.FromSeconds(15));
    }

    private static string DeviceCertificateAuthorityThumbprint(X509Certificate2 certificate) =>
        Visco.MqttFrontDoor.Security.DeviceCertificateAuthority.Thumbprint(certificate);
}
