extern alias firmware;

using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using firmware::Visco.Firmware.Security;
using Visco.Api.Auth;
using Visco.EndToEnd.Tests.Agents;
using Visco.Grains.Interfaces.Devices;
using Visco.MqttFrontDoor.Security;

namespace Visco.EndToEnd.Tests;

/// <summary>Renewal asked for through the API: the renew-certificate command reaches the agent over MQTT.</summary>
public sealed partial class ProvisioningEndToEndTests
{
    [Fact]
    public async Task RenewCertificateCommand_IssuedThroughTheApi_AppliedAndTheDeviceMeasuresWithItsNewCertificate()
    {
        const string deviceId = Hospital + "-analyser-006";
        await using var device = TestAgent.Create(ClaimOptions(deviceId, _claim.ClaimId, _claim.Secret));
        await device.Agent.StartAsync();
        await device.Log.WaitForAsync($"Agent {deviceId} connected over MQTT");
        var store = new CredentialStore(device.Options.StateDirectory);
        var first = await ThumbprintAsync(store);

        // A device administrator asks for a renewal through the API (the fresh certificate is not due by itself).
        var token = _silo.Services.GetRequiredService<TokenIssuer>().Mint(new TokenRequest("e2e-admin", ["device-admin"], [Hospital], TimeSpan.FromMinutes(10)));
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{_silo.HttpPort}") };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var issued = await http.PostAsJsonAsync($"/api/v1/hospitals/{Hospital}/devices/{deviceId}/commands", new { type = "renew-certificate" });
        Assert.True(issued.StatusCode == HttpStatusCode.Accepted, await issued.Content.ReadAsStringAsync());
        var commandId = JsonDocument.Parse(await issued.Content.ReadAsStringAsync()).RootElement.GetProperty("commandId").GetString()!;

        await device.Log.WaitForAsync("certificate renewed and stored");
        await device.Probe.WaitForReconnectsAsync(1);
        var status = await WaitForCommandStatusAsync(http, deviceId, commandId, "applied");
        var taken = await device.Agent.MeasureAsync();
        await device.Probe.WaitForResultsAsync(1);

        Assert.Equal("applied", status);
        var renewed = await ThumbprintAsync(store);
        Assert.NotEqual(first, renewed);
        Assert.Contains(renewed, (await _silo.Services.GetRequiredService<IDeviceDirectory>().FindAsync(deviceId))!.CertificateThumbprints, StringComparer.OrdinalIgnoreCase);
        Assert.Single(await MeasurementPathTests.WaitForStoredAsync(_silo, Hospital, taken.SampleId));
    }

    private static async Task<string> ThumbprintAsync(CredentialStore store)
    {
        using var certificate = X509Certificate2.CreateFromPem(await File.ReadAllTextAsync(store.CertificatePath));
        return DeviceCertificateAuthority.Thumbprint(certificate);
    }

    private static async Task<string?> WaitForCommandStatusAsync(HttpClient http, string deviceId, string commandId, string wanted)
    {
        // The reply reaches the device grain over MQTT after the device answered: it follows, not synchronously.
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            var command = JsonDocument.Parse(await http.GetStringAsync(new Uri($"/api/v1/hospitals/{Hospital}/devices/{deviceId}/commands/{commandId}", UriKind.Relative))).RootElement;
            var status = command.GetProperty("status").GetString();
            if (status == wanted || DateTime.UtcNow > deadline)
            {
                return status;
            }

            await Task.Delay(50);
        }
    }
}
