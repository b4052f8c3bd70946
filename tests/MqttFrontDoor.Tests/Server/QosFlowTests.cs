using System.Text;
using Visco.Mqtt.Packets;
using Visco.MqttFrontDoor.Tests.Support;

namespace Visco.MqttFrontDoor.Tests.Server;

public sealed class QosFlowTests
{
    [Fact]
    public async Task Qos2_BothDirections_CompleteFlow()
    {
        await using var host = await FrontDoorHost.StartOpenAsync();
        var (subscriber, _) = await RawMqttClient.ConnectAsync(host.Port, "sub");
        await using var _s = subscriber;
        Assert.Equal(MqttSubAckReasonCode.GrantedQoS2, (await subscriber.SubscribeAsync("q2", MqttQualityOfService.ExactlyOnce)).ReasonCodes.Single());
        var (publisher, _) = await RawMqttClient.ConnectAsync(host.Port, "pub");
        await using var _p = publisher;

        await publisher.SendAsync(new MqttPublishPacket { Topic = "q2", Payload = "x"u8.ToArray(), QualityOfService = MqttQualityOfService.ExactlyOnce, PacketId = 5 });
        Assert.Equal(5, (await publisher.ExpectAsync<MqttPubRecPacket>()).PacketId);

        // A redelivery before PUBREL is acknowledged again but not routed twice.
        await publisher.SendAsync(new MqttPublishPacket { Topic = "q2", Payload = "x"u8.ToArray(), QualityOfService = MqttQualityOfService.ExactlyOnce, PacketId = 5, Dup = true });
        await publisher.ExpectAsync<MqttPubRecPacket>();
        await publisher.SendAsync(new MqttPubRelPacket { PacketId = 5 });
        Assert.Equal(MqttPubCompReasonCode.Success, (await publisher.ExpectAsync<MqttPubCompPacket>()).ReasonCode);

        var delivered = await subscriber.ExpectAsync<MqttPublishPacket>();
        Assert.Equal(MqttQualityOfService.ExactlyOnce, delivered.QualityOfService);
        await subscriber.SendAsync(new MqttPubRecPacket { PacketId = delivered.PacketId });
        Assert.Equal(delivered.PacketId, (await subscriber.ExpectAsync<MqttPubRelPacket>()).PacketId);
        await subscriber.SendAsync(new MqttPubCompPacket { PacketId = delivered.PacketId });

        // The marker proves the duplicate was never routed: it is the next thing the subscriber sees.
        await publisher.SendAsync(new MqttPublishPacket { Topic = "q2", Payload = "marker"u8.ToArray(), QualityOfService = MqttQualityOfService.AtMostOnce });
        Assert.Equal("marker", Encoding.UTF8.GetString((await subscriber.ExpectAsync<MqttPublishPacket>()).Payload.Span));
    }

    [Theory]
    [InlineData(MqttQualityOfService.AtLeastOnce)]
    [InlineData(MqttQualityOfService.ExactlyOnce)]
    public async Task Resend_UnacknowledgedAfterReconnect_SameIdWithDup(MqttQualityOfService qos)
    {
        await using var host = await FrontDoorHost.StartOpenAsync();
        var (subscriber, _) = await RawMqttClient.ConnectAsync(host.Port, "sub", configure: c => { c.CleanStart = true; c.SessionExpiryInterval = 300; });
        await subscriber.SubscribeAsync("r", qos);
        var (publisher, _) = await RawMqttClient.ConnectAsync(host.Port, "pub");
        await using var _p = publisher;
        await publisher.SendAsync(new MqttPublishPacket { Topic = "r", Payload = "m"u8.ToArray(), QualityOfService = MqttQualityOfService.AtLeastOnce, PacketId = 1 });
        await publisher.ExpectAsync<MqttPubAckPacket>();
        var first = await subscriber.ExpectAsync<MqttPublishPacket>();
        Assert.False(first.Dup);
        subscriber.Abort();
        await subscriber.DisposeAsync();
        await Eventually.TrueAsync(() => !host.Server.DeviceConnections.IsConnected("sub"), "the server saw the subscriber go");

        var (again, connAck) = await RawMqttClient.ConnectAsync(host.Port, "sub", configure: c => { c.CleanStart = false; c.SessionExpiryInterval = 300; });
        await using var _a = again;
        Assert.True(connAck.SessionPresent);
        var resent = await again.ExpectAsync<MqttPublishPacket>();
        Assert.True(resent.Dup);
        Assert.Equal(first.PacketId, resent.PacketId);
        Assert.Equal("m", Encoding.UTF8.GetString(resent.Payload.Span));
    }

    [Fact]
    public async Task ReceiveMaximum_ClientWindowOfOne_SecondWaitsForAck()
    {
        await using var host = await FrontDoorHost.StartOpenAsync();
        var (subscriber, _) = await RawMqttClient.ConnectAsync(host.Port, "sub", configure: c => c.ReceiveMaximum = 1);
        await using var _s = subscriber;
        await subscriber.SubscribeAsync("w");
        var (publisher, _) = await RawMqttClient.ConnectAsync(host.Port, "pub");
        await using var _p = publisher;
        await publisher.PublishQos1Async("w", "1", 1);
        await publisher.PublishQos1Async("w", "2", 2);

        var first = await subscriber.ExpectAsync<MqttPublishPacket>();
        Assert.Equal("1", Encoding.UTF8.GetString(first.Payload.Span));
        await Eventually.TrueAsync(() => host.Server.Metrics.Queued == 1, "the second message waits in the session");
        await subscriber.SendAsync(new MqttPubAckPacket { PacketId = first.PacketId });
        Assert.Equal("2", Encoding.UTF8.GetString((await subscriber.ExpectAsync<MqttPublishPacket>()).Payload.Span));
    }

    [Fact]
    public async Task ReceiveMaximum_ClientExceedsOurs_DisconnectedWith0x93()
    {
        await using var host = await FrontDoorHost.StartOpenAsync(o => o.ReceiveMaximum = 2);
        var (client, connAck) = await RawMqttClient.ConnectAsync(host.Port, "greedy");
        await using var _c = client;
        Assert.Equal((ushort)2, connAck.ReceiveMaximum);
        for (ushort id = 1; id <= 3; id++)
        {
            await client.SendAsync(new MqttPublishPacket { Topic = "t", Payload = "x"u8.ToArray(), QualityOfService = MqttQualityOfService.ExactlyOnce, PacketId = id });
        }

        var packets = await client.ReadUntilClosedAsync();
        Assert.Equal(2, packets.OfType<MqttPubRecPacket>().Count());
        Assert.Equal(MqttDisconnectReasonCode.ReceiveMaximumExceeded, packets.OfType<MqttDisconnectPacket>().Single().ReasonCode);
    }

    [Fact]
    public async Task MaximumPacketSize_MessageLargerThanClientAccepts_NotSent()
    {
        await using var host = await FrontDoorHost.StartOpenAsync();
        var (subscriber, _) = await RawMqttClient.ConnectAsync(host.Port, "small", configure: c => c.MaximumPacketSize = 100);
        await using var _s = subscriber;
        await subscriber.SubscribeAsync("big");
        var (publisher, _) = await RawMqttClient.ConnectAsync(host.Port, "pub");
        await using var _p = publisher;
        await publisher.PublishQos1Async("big", new string('x', 500), 1);
        await publisher.PublishQos1Async("big", "small", 2);

        Assert.Equal("small", Encoding.UTF8.GetString((await subscriber.ExpectAsync<MqttPublishPacket>()).Payload.Span));
    }
}
