using Visco.Mqtt.Client;
using Visco.Mqtt.Packets;
using Visco.Mqtt.Tests.Support;
using Visco.TestKit;

namespace Visco.Mqtt.Tests.Client;

public sealed class MqttClientKeepAliveTests
{
    [Fact]
    public async Task KeepAlive_IntervalElapses_SendsPingReqEachTime()
    {
        var clock = new ManualTimeProvider();
        await using var harness = new ClientHarness(MqttProtocolVersion.V500, o =>
        {
            o.KeepAlive = TimeSpan.FromSeconds(30);
            o.TimeProvider = clock;
        });
        var (server, connect) = await harness.ConnectAsync();

        clock.Advance(TimeSpan.FromSeconds(30));
        await server.ReceiveAsync<MqttPingReqPacket>();
        await server.SendAsync(MqttPingRespPacket.Instance);

        // A ping of our own makes sure the keep-alive PINGRESP above has been read before the clock moves on.
        var pinging = harness.Client.PingAsync();
        await server.ReceiveAsync<MqttPingReqPacket>();
        await server.SendAsync(MqttPingRespPacket.Instance);
        await pinging.Within();
        clock.Advance(TimeSpan.FromSeconds(30));
        await server.ReceiveAsync<MqttPingReqPacket>();

        Assert.Equal(30, connect.KeepAliveSeconds);
        Assert.True(harness.Client.IsConnected);
    }

    [Fact]
    public async Task KeepAlive_NoPingResp_ConnectionConsideredLost()
    {
        var clock = new ManualTimeProvider();
        await using var harness = new ClientHarness(MqttProtocolVersion.V311, o =>
        {
            o.KeepAlive = TimeSpan.FromSeconds(10);
            o.TimeProvider = clock;
        });
        var (server, _) = await harness.ConnectAsync();

        clock.Advance(TimeSpan.FromSeconds(10));
        await server.ReceiveAsync<MqttPingReqPacket>();
        clock.Advance(TimeSpan.FromSeconds(10));

        var args = await harness.DisconnectedEvent.Task.Within();
        Assert.False(args.ClientInitiated);
        Assert.Contains("PINGRESP", Assert.IsType<MqttConnectionClosedException>(args.Exception).Message, StringComparison.Ordinal);
        Assert.False(harness.Client.IsConnected);
        await server.WaitForCloseAsync();
    }

    [Fact]
    public async Task KeepAlive_ServerKeepAlive_OverridesClientValue()
    {
        var clock = new ManualTimeProvider();
        await using var harness = new ClientHarness(MqttProtocolVersion.V500, o =>
        {
            o.KeepAlive = TimeSpan.FromSeconds(300);
            o.TimeProvider = clock;
        });
        var (server, _) = await harness.ConnectAsync(new MqttConnAckPacket { ServerKeepAlive = 5 });

        clock.Advance(TimeSpan.FromSeconds(5));

        await server.ReceiveAsync<MqttPingReqPacket>();
    }
}
