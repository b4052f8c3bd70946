using Visco.Mqtt.Client;
using Visco.Mqtt.Packets;
using Visco.Mqtt.Tests.Support;

namespace Visco.Mqtt.Tests.Client;

public sealed class MqttClientConnectTests
{
    [Theory]
    [InlineData(MqttProtocolVersion.V311)]
    [InlineData(MqttProtocolVersion.V500)]
    public async Task ConnectAsync_ServerAccepts_SendsOptionsAndReturnsConnAck(MqttProtocolVersion version)
    {
        var v5 = version == MqttProtocolVersion.V500;
        await using var harness = new ClientHarness(version, o =>
        {
            o.ClientId = "analyser-7";
            o.UserName = "user";
            o.Password = [1, 2];
            o.KeepAlive = TimeSpan.FromSeconds(90);
            o.Will = new MqttWillMessage { Topic = "devices/7/state", Payload = "gone"u8.ToArray(), QualityOfService = MqttQualityOfService.AtLeastOnce };
            o.SessionExpiryInterval = v5 ? 300u : 0;
            o.ReceiveMaximum = 12;
        });

        var (_, connect) = await harness.ConnectAsync(new MqttConnAckPacket { AssignedClientIdentifier = v5 ? "assigned" : null });

        Assert.True(harness.Client.IsConnected);
        Assert.Equal(version, connect.ProtocolVersion);
        Assert.Equal("analyser-7", connect.ClientId);
        Assert.Equal("user", connect.UserName);
        Assert.Equal(new byte[] { 1, 2 }, connect.Password);
        Assert.Equal(90, connect.KeepAliveSeconds);
        Assert.Equal("devices/7/state", connect.Will!.Topic);
        Assert.Equal(v5 ? 300u : 0u, connect.SessionExpiryInterval);
        Assert.Equal(v5 ? (ushort)12 : ushort.MaxValue, connect.ReceiveMaximum);
        Assert.Equal(v5 ? "assigned" : "analyser-7", harness.Client.ClientId);
    }

    [Theory]
    [InlineData(MqttProtocolVersion.V311, MqttConnectReasonCode.NotAuthorized)]
    [InlineData(MqttProtocolVersion.V311, MqttConnectReasonCode.BadUserNameOrPassword)]
    [InlineData(MqttProtocolVersion.V500, MqttConnectReasonCode.Banned)]
    public async Task ConnectAsync_ServerRefuses_ThrowsWithReasonCode(MqttProtocolVersion version, MqttConnectReasonCode reason)
    {
        await using var harness = new ClientHarness(version);

        var connecting = harness.Client.ConnectAsync();
        await using var server = await harness.Server.AcceptAsync();
        await server.AcceptConnectAsync(new MqttConnAckPacket { ReasonCode = reason });

        var ex = await Assert.ThrowsAsync<MqttConnectionRefusedException>(() => connecting.Within());
        Assert.Equal(reason, ex.ReasonCode);
        Assert.False(harness.Client.IsConnected);
        await server.WaitForCloseAsync();
    }

    [Fact]
    public async Task ConnectAsync_AlreadyConnected_Throws()
    {
        await using var harness = new ClientHarness(MqttProtocolVersion.V500);
        await harness.ConnectAsync();

        await Assert.ThrowsAsync<InvalidOperationException>(() => harness.Client.ConnectAsync());
    }

    [Fact]
    public async Task ConnectAsync_NothingListening_ThrowsSocketError()
    {
        int port;
        using (var probe = new FakeMqttServer())
        {
            port = probe.Port;
        }

        await using var client = new MqttClient(new MqttClientOptions { Port = port });

        await Assert.ThrowsAnyAsync<System.Net.Sockets.SocketException>(() => client.ConnectAsync().Within());
    }

    [Theory]
    [InlineData(MqttProtocolVersion.V311)]
    [InlineData(MqttProtocolVersion.V500)]
    public async Task DisconnectAsync_WithReason_SendsDisconnectAndCloses(MqttProtocolVersion version)
    {
        await using var harness = new ClientHarness(version);
        var (server, _) = await harness.ConnectAsync();

        await harness.Client.DisconnectAsync(MqttDisconnectReasonCode.DisconnectWithWillMessage).Within();

        var disconnect = await server.ReceiveAsync<MqttDisconnectPacket>();
        Assert.Equal(
            version == MqttProtocolVersion.V500 ? MqttDisconnectReasonCode.DisconnectWithWillMessage : MqttDisconnectReasonCode.NormalDisconnection,
            disconnect.ReasonCode);
        await server.WaitForCloseAsync();
        var args = await harness.DisconnectedEvent.Task.Within();
        Assert.True(args.ClientInitiated);
        Assert.False(harness.Client.IsConnected);
    }

    [Fact]
    public async Task ServerDisconnect_V5_RaisesDisconnectedWithServerReason()
    {
        await using var harness = new ClientHarness(MqttProtocolVersion.V500);
        var (server, _) = await harness.ConnectAsync();

        await server.SendAsync(new MqttDisconnectPacket { ReasonCode = MqttDisconnectReasonCode.SessionTakenOver, ReasonString = "another analyser" });

        var args = await harness.DisconnectedEvent.Task.Within();
        Assert.False(args.ClientInitiated);
        var closed = Assert.IsType<MqttConnectionClosedException>(args.Exception);
        Assert.Equal(MqttDisconnectReasonCode.SessionTakenOver, closed.ServerDisconnect!.ReasonCode);
        Assert.Equal("another analyser", closed.ServerDisconnect.ReasonString);
    }

    [Fact]
    public async Task MalformedPacketFromServer_V5_ClientAnswersDisconnectMalformed()
    {
        await using var harness = new ClientHarness(MqttProtocolVersion.V500);
        var (server, _) = await harness.ConnectAsync();

        await server.SendRawAsync(Wire.Hex("D1 00"));

        var disconnect = await server.ReceiveAsync<MqttDisconnectPacket>();
        Assert.Equal(MqttDisconnectReasonCode.MalformedPacket, disconnect.ReasonCode);
        var args = await harness.DisconnectedEvent.Task.Within();
        var violation = Assert.IsType<MqttProtocolViolationException>(args.Exception);
        Assert.Equal("MQTT-2.1.3-1", violation.Rule);
    }

    [Fact]
    public async Task ServerClosesSocket_RaisesDisconnectedAndFailsPendingSubscribe()
    {
        await using var harness = new ClientHarness(MqttProtocolVersion.V311);
        var (server, _) = await harness.ConnectAsync();
        var subscribing = harness.Client.SubscribeAsync("a/#", MqttQualityOfService.AtLeastOnce);
        await server.ReceiveAsync<MqttSubscribePacket>();

        await server.DisposeAsync();

        await Assert.ThrowsAsync<MqttConnectionClosedException>(() => subscribing.Within());
        var args = await harness.DisconnectedEvent.Task.Within();
        Assert.False(args.ClientInitiated);
    }

    [Theory]
    [InlineData("", 1883, "Host")]
    [InlineData("h", 0, "Port")]
    [InlineData("h", 70000, "Port")]
    public void Options_Invalid_ThrowsNamingTheSetting(string host, int port, string setting)
    {
        var ex = Assert.Throws<ArgumentException>(() => new MqttClient(new MqttClientOptions { Host = host, Port = port }));

        Assert.Equal(setting, ex.ParamName);
    }

    [Fact]
    public void Options_V311ResumeWithoutClientId_Throws()
    {
        var options = new MqttClientOptions { ProtocolVersion = MqttProtocolVersion.V311, CleanStart = false };

        var ex = Assert.Throws<ArgumentException>(options.Validate);

        Assert.Contains("ClientId", ex.Message, StringComparison.Ordinal);
    }
}
