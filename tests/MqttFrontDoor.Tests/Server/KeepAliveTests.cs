using Visco.Mqtt.Packets;
using Visco.MqttFrontDoor.Tests.Support;

namespace Visco.MqttFrontDoor.Tests.Server;

public sealed class KeepAliveTests
{
    [Fact]
    public async Task KeepAlive_SilentPastOneAndAHalfPeriods_DisconnectedWithKeepAliveTimeout()
    {
        await using var host = await FrontDoorHost.StartOpenAsync();
        var (client, _) = await RawMqttClient.ConnectAsync(host.Port, "sleepy", configure: c => c.KeepAliveSeconds = 10);
        await using var _c = client;

        host.Time.Advance(TimeSpan.FromSeconds(14));
        await client.SendAsync(new MqttPingReqPacket());
        await client.ExpectAsync<MqttPingRespPacket>();

        // The ping reset the clock: 14 s more is still inside 15 s, 16 s is not.
        host.Time.Advance(TimeSpan.FromSeconds(14));
        await client.SendAsync(new MqttPingReqPacket());
        await client.ExpectAsync<MqttPingRespPacket>();
        host.Time.Advance(TimeSpan.FromSeconds(16));

        var packets = await client.ReadUntilClosedAsync();
        Assert.Equal(MqttDisconnectReasonCode.KeepAliveTimeout, Assert.IsType<MqttDisconnectPacket>(packets.Single()).ReasonCode);
    }

    [Fact]
    public async Task KeepAlive_V311Silent_ConnectionClosed()
    {
        await using var host = await FrontDoorHost.StartOpenAsync();
        var (client, _) = await RawMqttClient.ConnectAsync(host.Port, "sleepy", MqttProtocolVersion.V311, c => c.KeepAliveSeconds = 4);
        await using var _c = client;
        host.Time.Advance(TimeSpan.FromSeconds(6));
        Assert.Empty(await client.ReadUntilClosedAsync());
    }

    [Fact]
    public async Task ServerKeepAlive_Configured_ToldInConnAckAndEnforced()
    {
        await using var host = await FrontDoorHost.StartOpenAsync(o => o.ServerKeepAliveSeconds = 20);
        var (client, connAck) = await RawMqttClient.ConnectAsync(host.Port, "c", configure: c => c.KeepAliveSeconds = 0);
        await using var _c = client;
        Assert.Equal((ushort)20, connAck.ServerKeepAlive);
        host.Time.Advance(TimeSpan.FromSeconds(31));
        Assert.Equal(MqttDisconnectReasonCode.KeepAliveTimeout, Assert.IsType<MqttDisconnectPacket>((await client.ReadUntilClosedAsync()).Single()).ReasonCode);
    }

    [Fact]
    public async Task ConnectTimeout_SocketNeverSendsConnect_Closed()
    {
        await using var host = await FrontDoorHost.StartOpenAsync(o => o.ConnectTimeout = TimeSpan.FromSeconds(5));
        await using var client = await RawMqttClient.OpenAsync(host.Port);
        await Eventually.TrueAsync(() => host.Server.ConnectionCount == 1, "the server accepted the socket");

        host.Time.Advance(TimeSpan.FromSeconds(6));

        Assert.Empty(await client.ReadUntilClosedAsync());
        await Eventually.TrueAsync(() => host.Server.ConnectionCount == 0, "the connection was released");
    }
}
