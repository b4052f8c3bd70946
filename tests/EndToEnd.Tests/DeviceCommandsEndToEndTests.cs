extern alias firmware;

using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using firmware::Visco.Firmware.Configuration;
using firmware::Visco.Firmware.Messages;
using Visco.EndToEnd.Tests.Agents;
using Microsoft.Extensions.DependencyInjection;
using Visco.Api.Auth;
using Visco.Mqtt.Client;
using Visco.Mqtt.Packets;
using Xunit.Abstractions;

namespace Visco.EndToEnd.Tests;

/// <summary>
/// Issue 6 end to end, on the real silo with a real MQTT client: revoking through the API drops the live session and
/// refuses the reconnect; a command issued while the device is offline is delivered when it connects and the device's
/// reply makes it applied in the API; the desired configuration is re-sent at every reconnect until acknowledged.
/// </summary>
public sealed class DeviceCommandsEndToEndTests(SharedSilo shared, ITestOutputHelper output) : IClassFixture<SharedSilo>
{
    private const string Hospital = "h-e2e-cmd";
    private readonly RunningSilo _silo = shared.Silo;

    [Fact]
    public async Task Revoke_ThroughApiWhileConnected_DisconnectedAndReconnectRefused()
    {
        var credentials = await _silo.RegisterDeviceAsync(Hospital, "dev-cmd-revoke");
        await using var device = await CommandDevice.ConnectAsync(_silo.MqttPort, credentials.DeviceId, credentials.Secret!);
        using var api = ApiClient();

        var clock = Stopwatch.StartNew();
        var response = await api.PostAsJsonAsync(Route(credentials.DeviceId, "/revoke"), new { reason = "stolen" });
        var closed = await device.Disconnected.WaitAsync(TimeSpan.FromSeconds(10));
        output.WriteLine($"revoke request sent → connection closed by the server in {clock.Elapsed.TotalMilliseconds:F0} ms");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("disconnected").GetBoolean());
        Assert.False(closed.ClientInitiated);
        Assert.False(device.Client.IsConnected);
        var refused = await Assert.ThrowsAsync<MqttConnectionRefusedException>(
            () => CommandDevice.ConnectAsync(_silo.MqttPort, credentials.DeviceId, credentials.Secret!));
        Assert.NotEqual(MqttConnectReasonCode.Success, refused.ReasonCode);
    }

    [Fact]
    public async Task Command_IssuedWhileOffline_DeliveredOnConnectAndAppliedByReply()
    {
        var credentials = await _silo.RegisterDeviceAsync(Hospital, "dev-cmd-offline");
        using var api = ApiClient();

        var issued = await api.PostAsJsonAsync(Route(credentials.DeviceId, "/commands"), new { type = "locate" });
        var queued = await issued.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(HttpStatusCode.Accepted, issued.StatusCode);
        Assert.Equal("queued", queued.GetProperty("status").GetString());
        var commandId = queued.GetProperty("commandId").GetString()!;

        await using var device = await CommandDevice.ConnectAsync(_silo.MqttPort, credentials.DeviceId, credentials.Secret!);
        var received = await device.NextCommandAsync();
        Assert.Equal((commandId, "locate", credentials.DeviceId), (
            received.GetProperty("commandId").GetString(), received.GetProperty("type").GetString(), received.GetProperty("deviceId").GetString()));

        var ack = await device.ReplyAsync(commandId, CommandStatus.Applied);
        Assert.Equal(MqttPubAckReasonCode.Success, ack.ReasonCode);

        var command = await api.GetFromJsonAsync<JsonElement>(issued.Headers.Location);
        Assert.Equal("applied", command.GetProperty("status").GetString());
        Assert.True(command.TryGetProperty("repliedAt", out var repliedAt) && repliedAt.ValueKind == JsonValueKind.String);
    }

    [Fact]
    public async Task DesiredConfiguration_ResentAtEveryReconnectUntilTheDeviceReportsIt()
    {
        var credentials = await _silo.RegisterDeviceAsync(Hospital, "dev-cmd-config");
        using var api = ApiClient();
        var set = await api.PutAsJsonAsync(Route(credentials.DeviceId, "/configuration"), new { stateIntervalSeconds = 30 });
        Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        var commandId = (await set.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("commandId").GetString();

        // Two connections that do not apply it: it comes at each.
        for (var connection = 0; connection < 2; connection++)
        {
            await using var ignoring = await CommandDevice.ConnectAsync(_silo.MqttPort, credentials.DeviceId, credentials.Secret!);
            var sent = await ignoring.NextCommandAsync();
            Assert.Equal((commandId, "set-configuration", 1L), (sent.GetProperty("commandId").GetString(), sent.GetProperty("type").GetString(), sent.GetProperty("version").GetInt64()));
            Assert.Equal(30, sent.GetProperty("settings").GetProperty("stateIntervalSeconds").GetInt32());
        }

        // The third applies it and says so in its state report.
        await using (var applying = await CommandDevice.ConnectAsync(_silo.MqttPort, credentials.DeviceId, credentials.Secret!))
        {
            await applying.NextCommandAsync();
            Assert.Equal(MqttPubAckReasonCode.Success, (await applying.ReportStateAsync(1)).ReasonCode);
        }

        var configuration = await api.GetFromJsonAsync<JsonElement>(Route(credentials.DeviceId, "/configuration"));
        Assert.True(configuration.GetProperty("acknowledged").GetBoolean());
        Assert.Equal(1, configuration.GetProperty("reportedVersion").GetInt64());

        // Acknowledged: the next connection gets no configuration; the next command it receives is a new one.
        await using var settled = await CommandDevice.ConnectAsync(_silo.MqttPort, credentials.DeviceId, credentials.Secret!, configurationVersion: 1);
        await api.PostAsJsonAsync(Route(credentials.DeviceId, "/commands"), new { type = "locate" });
        Assert.Equal("locate", (await settled.NextCommandAsync()).GetProperty("type").GetString());
    }

    [Fact]
    public async Task RealFirmware_CommandsQueuedWhileOffline_AppliedAndAcknowledgedAfterItConnects()
    {
        var credentials = await _silo.RegisterDeviceAsync(Hospital, "dev-cmd-firmware");
        using var api = ApiClient();
        var locate = await api.PostAsJsonAsync(Route(credentials.DeviceId, "/commands"), new { type = "locate" });
        var configure = await api.PutAsJsonAsync(Route(credentials.DeviceId, "/configuration"), new { measurementIntervalSeconds = 120, stateIntervalSeconds = 60 });
        var locateId = (await locate.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("commandId").GetString();
        var configureId = (await configure.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("commandId").GetString();

        await using var device = TestAgent.Create(new AgentOptions
        {
            DeviceId = credentials.DeviceId,
            StateDirectory = TestAgent.NewStateDirectory(),
            FirmwareVersion = "2.4.0",
            Broker = new BrokerOptions { Port = _silo.MqttPort, ReconnectInitialDelayMs = 50, ReconnectMaximumDelayMs = 500 },
            Authentication = new AuthenticationOptions { Mode = AuthenticationMode.Secret, Secret = credentials.Secret },
        });
        await device.Agent.StartAsync();
        await device.Log.WaitForAsync($"command {locateId} Applied");
        await device.Log.WaitForAsync($"command {configureId} Applied");

        // The replies travel back over MQTT: follow them in the API (bounded).
        var command = await UntilAsync(() => api.GetFromJsonAsync<JsonElement>(Route(credentials.DeviceId, $"/commands/{locateId}")),
            c => c.GetProperty("status").GetString() == "applied");
        var configuration = await UntilAsync(() => api.GetFromJsonAsync<JsonElement>(Route(credentials.DeviceId, "/configuration")),
            c => c.GetProperty("acknowledged").GetBoolean());

        Assert.Equal("applied", command.GetProperty("status").GetString());
        Assert.True(configuration.GetProperty("acknowledged").GetBoolean());
        Assert.Equal((1, 1L), (device.Agent.LocateCount, device.Agent.ConfigurationVersion));
    }

    private static async Task<JsonElement> UntilAsync(Func<Task<JsonElement>> read, Func<JsonElement, bool> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            var value = await read();
            if (done(value) || DateTime.UtcNow > deadline)
            {
                return value;
            }

            await Task.Delay(50);
        }
    }

    private static Uri Route(string deviceId, string suffix) => new($"/api/v1/hospitals/{Hospital}/devices/{deviceId}{suffix}", UriKind.Relative);

    private HttpClient ApiClient()
    {
        var token = _silo.Services.GetRequiredService<TokenIssuer>()
            .Mint(new TokenRequest("e2e-device-admin", [ApiRoles.DeviceAdmin], [Hospital], TimeSpan.FromMinutes(30)));
        var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{_silo.HttpPort}") };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }
}
