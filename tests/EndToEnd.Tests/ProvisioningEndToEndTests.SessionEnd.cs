extern alias firmware;

using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using firmware::Visco.Firmware.Security;
using Visco.Grains.Interfaces.Ingress;
using Visco.Mqtt.Client;
using Visco.Mqtt.Packets;

namespace Visco.EndToEnd.Tests;

/// <summary>
/// Re-provisioning ends the device's MQTT session on the server: whatever was queued in the old board's persistent
/// session never reaches the client that connects next as the device, even one asking to resume (clean start 0) —
/// neither the claim connection that fetches the new certificate nor the connection made with that certificate.
/// </summary>
public sealed partial class ProvisioningEndToEndTests
{
    [Fact]
    public async Task Reprovisioned_OldSessionHeldAQueuedCommand_CleanStart0ReconnectsGetNewSessionAndNotTheMessage()
    {
        const string deviceId = Hospital + "-analyser-rp3";
        var commands = $"devices/{deviceId}/commands";
        using var http = DeviceAdminHttp();
        var connections = _silo.Services.GetRequiredService<IDeviceConnections>();

        // The old board (a third-party client of it): a persistent session subscribed to its commands, then offline,
        // with one QoS 1 message queued in it.
        await RegisterOfflineWithQueuedCommandAsync(http, deviceId, "{\"for\":\"the old board\"}");

        using var reprovisioned = await http.PostAsJsonAsync($"/api/v1/hospitals/{Hospital}/devices/{deviceId}/reprovision", new { reason = "board replaced" });
        Assert.True(reprovisioned.StatusCode == HttpStatusCode.OK, await reprovisioned.Content.ReadAsStringAsync());

        // The new board fetches its certificate with the claim, connecting as the device and asking to resume.
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var claimTopics = new ConcurrentQueue<string>();
        var issued = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using (var claim = new MqttClient(new MqttClientOptions
        {
            Port = _silo.MqttPort,
            ClientId = deviceId,
            UserName = _claim.ClaimId,
            Password = Encoding.UTF8.GetBytes(_claim.Secret),
            CleanStart = false,
        }))
        {
            claim.MessageReceived = (message, _) =>
            {
                claimTopics.Enqueue(message.Topic);
                if (message.Topic == $"provisioning/{deviceId}/certificate" && !message.Payload.IsEmpty)
                {
                    issued.TrySetResult(Encoding.ASCII.GetString(message.Payload.Span));
                }

                return ValueTask.CompletedTask;
            };
            Assert.False((await claim.ConnectAsync()).SessionPresent);
            await claim.SubscribeAsync($"provisioning/{deviceId}/+", MqttQualityOfService.AtLeastOnce);
            await claim.PublishAsync(new MqttApplicationMessage
            {
                Topic = $"provisioning/{deviceId}/csr",
                Payload = Encoding.ASCII.GetBytes(new CertificateRequest($"CN={deviceId}", key, HashAlgorithmName.SHA256).CreateSigningRequestPem()),
                QualityOfService = MqttQualityOfService.AtLeastOnce,
            });
            await issued.Task.WaitAsync(TimeSpan.FromSeconds(15));
        }

        // A resumed session would have resent the queued command right after CONNACK, before the certificate came.
        Assert.DoesNotContain(commands, claimTopics);

        // With its new certificate, clean start 0 again: a new session, and the first command is one sent after it.
        using var certificate = CredentialStore.LoadPem(await issued.Task, key.ExportPkcs8PrivateKeyPem());
        var authorities = new X509Certificate2Collection();
        authorities.ImportFromPemFile(Path.Combine(_data, "mqtt-server.crt.pem"));
        var first = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var board = new MqttClient(new MqttClientOptions
        {
            Port = _silo.TlsPort,
            ClientId = deviceId,
            CleanStart = false,
            SessionExpiryInterval = 3600,
            Tls = new MqttClientTlsOptions { TrustedCertificateAuthorities = authorities, ClientCertificates = [certificate] },
        });
        board.MessageReceived = (message, _) =>
        {
            if (message.Topic == commands)
            {
                first.TrySetResult(Encoding.UTF8.GetString(message.Payload.Span));
            }

            return ValueTask.CompletedTask;
        };

        Assert.False((await board.ConnectAsync()).SessionPresent);
        await board.SubscribeAsync(commands, MqttQualityOfService.AtLeastOnce);
        Assert.True(await connections.PublishAsync(deviceId, new OutboundMessage(commands, "{\"for\":\"the new board\"}"u8.ToArray())));
        Assert.Equal("{\"for\":\"the new board\"}", await first.Task.WaitAsync(TimeSpan.FromSeconds(15)));
    }

    [Fact]
    public async Task Revoked_OfflineWithStoredSession_SessionAndItsQueueGone()
    {
        const string deviceId = Hospital + "-analyser-rv1";
        var commands = $"devices/{deviceId}/commands";
        using var http = DeviceAdminHttp();
        var connections = _silo.Services.GetRequiredService<IDeviceConnections>();
        await RegisterOfflineWithQueuedCommandAsync(http, deviceId, "{\"queued\":true}");
        var session = _silo.Services.GetRequiredService<Visco.Runtime.Abstractions.IGrainFactory>()
            .GetGrain<Visco.MqttFrontDoor.Sessions.IMqttSessionGrain>(deviceId);
        Assert.Single((await session.Load()).Messages);

        using var revoked = await http.PostAsJsonAsync($"/api/v1/hospitals/{Hospital}/devices/{deviceId}/revoke", new { reason = "stolen" });

        Assert.True(revoked.StatusCode == HttpStatusCode.OK, await revoked.Content.ReadAsStringAsync());
        Assert.False((await revoked.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("disconnected").GetBoolean());
        Assert.False((await session.Load()).Exists);
        Assert.False(await connections.PublishAsync(deviceId, new OutboundMessage(commands, "{\"queued\":false}"u8.ToArray())));
    }

    /// <summary>
    /// Registers the device (secret), connects it once with a persistent session subscribed to its commands, lets it go
    /// offline and queues <paramref name="command"/> in that session.
    /// </summary>
    private async Task RegisterOfflineWithQueuedCommandAsync(HttpClient http, string deviceId, string command)
    {
        var commands = $"devices/{deviceId}/commands";
        using var registered = await http.PostAsJsonAsync($"/api/v1/hospitals/{Hospital}/devices", new { deviceId });
        Assert.True(registered.StatusCode == HttpStatusCode.Created, await registered.Content.ReadAsStringAsync());
        var secret = (await registered.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("secret").GetString()!;
        await using (var old = new MqttClient(new MqttClientOptions
        {
            Port = _silo.MqttPort,
            ClientId = deviceId,
            UserName = deviceId,
            Password = Encoding.UTF8.GetBytes(secret),
            CleanStart = false,
            SessionExpiryInterval = 3600,
        }))
        {
            await old.ConnectAsync();
            await old.SubscribeAsync(commands, MqttQualityOfService.AtLeastOnce);
            await old.DisconnectAsync();
        }

        var connections = _silo.Services.GetRequiredService<IDeviceConnections>();
        await WaitUntilAsync(() => !connections.IsConnected(deviceId), "the device went offline");
        Assert.True(await connections.PublishAsync(deviceId, new OutboundMessage(commands, Encoding.UTF8.GetBytes(command))));
    }

    private static async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"timed out waiting until {what}");
            await Task.Delay(10);
        }
    }
}
