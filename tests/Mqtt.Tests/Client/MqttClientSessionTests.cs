using Visco.Mqtt.Client;
using Visco.Mqtt.Packets;
using Visco.Mqtt.Tests.Support;

namespace Visco.Mqtt.Tests.Client;

public sealed class MqttClientSessionTests
{
    private static void Persistent(MqttClientOptions options)
    {
        options.CleanStart = false;
        options.SessionExpiryInterval = options.ProtocolVersion == MqttProtocolVersion.V500 ? 3600u : 0;
    }

    [Theory]
    [InlineData(MqttProtocolVersion.V311)]
    [InlineData(MqttProtocolVersion.V500)]
    public async Task Reconnect_SessionPresent_ResendsPublishWithDupAndPubRelInOrder(MqttProtocolVersion version)
    {
        await using var harness = new ClientHarness(version, Persistent);
        var (first, _) = await harness.ConnectAsync();
        var qos1 = harness.Client.PublishAsync(new MqttApplicationMessage { Topic = "m/1", QualityOfService = MqttQualityOfService.AtLeastOnce });
        var p1 = await first.ReceiveAsync<MqttPublishPacket>();
        var qos2 = harness.Client.PublishAsync(new MqttApplicationMessage { Topic = "m/2", QualityOfService = MqttQualityOfService.ExactlyOnce });
        var p2 = await first.ReceiveAsync<MqttPublishPacket>();
        await first.SendAsync(new MqttPubRecPacket { PacketId = p2.PacketId });
        await first.ReceiveAsync<MqttPubRelPacket>();

        await first.DisposeAsync();
        Assert.False((await harness.DisconnectedEvent.Task.Within()).ClientInitiated);
        var (second, connect) = await harness.ConnectAsync(new MqttConnAckPacket { SessionPresent = true });
        var resent = await second.ReceiveAsync<MqttPublishPacket>();
        var pubRel = await second.ReceiveAsync<MqttPubRelPacket>();
        await second.SendAsync(new MqttPubAckPacket { PacketId = resent.PacketId });
        await second.SendAsync(new MqttPubCompPacket { PacketId = pubRel.PacketId });

        Assert.False(connect.CleanStart);
        Assert.True(resent.Dup);
        Assert.Equal(p1.PacketId, resent.PacketId);
        Assert.Equal("m/1", resent.Topic);
        Assert.Equal(p2.PacketId, pubRel.PacketId);
        Assert.True((await qos1.Within()).IsSuccess);
        Assert.True((await qos2.Within()).IsSuccess);
        Assert.Equal(0, harness.Client.InflightCount);
    }

    [Fact]
    public async Task Reconnect_SessionNotPresent_FailsUnacknowledgedPublish()
    {
        await using var harness = new ClientHarness(MqttProtocolVersion.V500, Persistent);
        var (first, _) = await harness.ConnectAsync();
        var publishing = harness.Client.PublishAsync(new MqttApplicationMessage { Topic = "m", QualityOfService = MqttQualityOfService.AtLeastOnce });
        await first.ReceiveAsync<MqttPublishPacket>();

        await first.DisposeAsync();
        await harness.DisconnectedEvent.Task.Within();
        Assert.False(publishing.IsCompleted);
        await harness.ConnectAsync(new MqttConnAckPacket { SessionPresent = false });

        await Assert.ThrowsAsync<MqttConnectionClosedException>(() => publishing.Within());
        Assert.Equal(0, harness.Client.InflightCount);
    }

    [Fact]
    public async Task ConnectionLost_CleanSession_FailsUnacknowledgedPublishAtOnce()
    {
        await using var harness = new ClientHarness(MqttProtocolVersion.V311);
        var (server, _) = await harness.ConnectAsync();
        var publishing = harness.Client.PublishAsync(new MqttApplicationMessage { Topic = "m", QualityOfService = MqttQualityOfService.AtLeastOnce });
        await server.ReceiveAsync<MqttPublishPacket>();

        await server.DisposeAsync();

        await Assert.ThrowsAsync<MqttConnectionClosedException>(() => publishing.Within());
    }

    [Fact]
    public async Task Reconnect_ServerResendsQoS2AfterPubRec_NotDeliveredTwice()
    {
        var deliveries = 0;
        await using var harness = new ClientHarness(MqttProtocolVersion.V500, Persistent);
        harness.Client.MessageReceived = (_, _) =>
        {
            Interlocked.Increment(ref deliveries);
            return ValueTask.CompletedTask;
        };
        var (first, _) = await harness.ConnectAsync();
        var publish = new MqttPublishPacket { Topic = "cmd", QualityOfService = MqttQualityOfService.ExactlyOnce, PacketId = 9 };
        await first.SendAsync(publish);
        await first.ReceiveAsync<MqttPubRecPacket>();

        await first.DisposeAsync();
        await harness.DisconnectedEvent.Task.Within();
        var (second, _) = await harness.ConnectAsync(new MqttConnAckPacket { SessionPresent = true });
        publish.Dup = true;
        await second.SendAsync(publish);
        await second.ReceiveAsync<MqttPubRecPacket>();
        await second.SendAsync(new MqttPubRelPacket { PacketId = 9 });
        var pubComp = await second.ReceiveAsync<MqttPubCompPacket>();

        Assert.Equal(MqttPubCompReasonCode.Success, pubComp.ReasonCode);
        Assert.Equal(1, Volatile.Read(ref deliveries));
    }
}
