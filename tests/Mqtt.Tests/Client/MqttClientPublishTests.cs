using Visco.Mqtt.Client;
using Visco.Mqtt.Packets;
using Visco.Mqtt.Tests.Support;

namespace Visco.Mqtt.Tests.Client;

public sealed class MqttClientPublishTests
{
    private static MqttApplicationMessage Message(MqttQualityOfService qos, string topic = "devices/1/measurements") => new()
    {
        Topic = topic,
        Payload = "{\"v\":1}"u8.ToArray(),
        QualityOfService = qos,
        ContentType = "application/json",
    };

    [Theory]
    [InlineData(MqttProtocolVersion.V311)]
    [InlineData(MqttProtocolVersion.V500)]
    public async Task PublishAsync_QoS0_WrittenWithoutPacketId(MqttProtocolVersion version)
    {
        await using var harness = new ClientHarness(version);
        var (server, _) = await harness.ConnectAsync();

        var result = await harness.Client.PublishAsync(Message(MqttQualityOfService.AtMostOnce)).Within();

        var publish = await server.ReceiveAsync<MqttPublishPacket>();
        Assert.Equal(0, publish.PacketId);
        Assert.Equal("devices/1/measurements", publish.Topic);
        Assert.Equal("{\"v\":1}"u8.ToArray(), publish.Payload.ToArray());
        Assert.Equal(version == MqttProtocolVersion.V500 ? "application/json" : null, publish.ContentType);
        Assert.True(result.IsSuccess);
    }

    [Theory]
    [InlineData(MqttProtocolVersion.V311)]
    [InlineData(MqttProtocolVersion.V500)]
    public async Task PublishAsync_QoS1_ReturnsPubAckReasonAndString(MqttProtocolVersion version)
    {
        var v5 = version == MqttProtocolVersion.V500;
        await using var harness = new ClientHarness(version);
        var (server, _) = await harness.ConnectAsync();

        var publishing = harness.Client.PublishAsync(Message(MqttQualityOfService.AtLeastOnce));
        var publish = await server.ReceiveAsync<MqttPublishPacket>();
        await server.SendAsync(new MqttPubAckPacket
        {
            PacketId = publish.PacketId,
            ReasonCode = v5 ? MqttPubAckReasonCode.NoMatchingSubscribers : MqttPubAckReasonCode.Success,
            ReasonString = v5 ? "nobody listens" : null,
        });
        var result = await publishing.Within();

        Assert.NotEqual(0, publish.PacketId);
        Assert.False(publish.Dup);
        Assert.Equal(publish.PacketId, result.PacketId);
        Assert.Equal(v5 ? MqttPubAckReasonCode.NoMatchingSubscribers : MqttPubAckReasonCode.Success, result.ReasonCode);
        Assert.Equal(v5 ? "nobody listens" : null, result.ReasonString);
        Assert.True(result.IsSuccess);
        Assert.Equal(0, harness.Client.InflightCount);
    }

    [Theory]
    [InlineData(MqttProtocolVersion.V311)]
    [InlineData(MqttProtocolVersion.V500)]
    public async Task PublishAsync_QoS2_CompletesAfterPubRecPubRelPubComp(MqttProtocolVersion version)
    {
        await using var harness = new ClientHarness(version);
        var (server, _) = await harness.ConnectAsync();

        var publishing = harness.Client.PublishAsync(Message(MqttQualityOfService.ExactlyOnce));
        var publish = await server.ReceiveAsync<MqttPublishPacket>();
        await server.SendAsync(new MqttPubRecPacket { PacketId = publish.PacketId });
        var pubRel = await server.ReceiveAsync<MqttPubRelPacket>();
        Assert.False(publishing.IsCompleted);
        await server.SendAsync(new MqttPubCompPacket { PacketId = pubRel.PacketId });
        var result = await publishing.Within();

        Assert.Equal(MqttQualityOfService.ExactlyOnce, publish.QualityOfService);
        Assert.Equal(publish.PacketId, pubRel.PacketId);
        Assert.True(result.IsSuccess);
        Assert.Equal(MqttQualityOfService.ExactlyOnce, result.QualityOfService);
    }

    [Fact]
    public async Task PublishAsync_QoS2RefusedByPubRec_EndsWithoutPubRel()
    {
        await using var harness = new ClientHarness(MqttProtocolVersion.V500);
        var (server, _) = await harness.ConnectAsync();

        var publishing = harness.Client.PublishAsync(Message(MqttQualityOfService.ExactlyOnce));
        var publish = await server.ReceiveAsync<MqttPublishPacket>();
        await server.SendAsync(new MqttPubRecPacket { PacketId = publish.PacketId, ReasonCode = MqttPubRecReasonCode.NotAuthorized });
        var result = await publishing.Within();
        var pinging = harness.Client.PingAsync();

        Assert.Equal(MqttPubAckReasonCode.NotAuthorized, result.ReasonCode);
        Assert.False(result.IsSuccess);
        Assert.IsType<MqttPingReqPacket>(await server.ReceiveAsync());
        await server.SendAsync(MqttPingRespPacket.Instance);
        await pinging.Within();
    }

    [Fact]
    public async Task PublishAsync_ServerReceiveMaximum_HoldsBackPublicationsBeyondIt()
    {
        await using var harness = new ClientHarness(MqttProtocolVersion.V500);
        var (server, _) = await harness.ConnectAsync(new MqttConnAckPacket { ReceiveMaximum = 2 });

        var first = harness.Client.PublishAsync(Message(MqttQualityOfService.AtLeastOnce));
        var second = harness.Client.PublishAsync(Message(MqttQualityOfService.AtLeastOnce));
        var p1 = await server.ReceiveAsync<MqttPublishPacket>();
        var p2 = await server.ReceiveAsync<MqttPublishPacket>();
        var third = harness.Client.PublishAsync(Message(MqttQualityOfService.AtLeastOnce));
        var pinging = harness.Client.PingAsync();

        // The third publication waits for a slot, so the ping sent after it reaches the server first.
        Assert.IsType<MqttPingReqPacket>(await server.ReceiveAsync());
        await server.SendAsync(MqttPingRespPacket.Instance);
        await pinging.Within();
        Assert.Equal(2, harness.Client.InflightCount);
        Assert.False(third.IsCompleted);

        await server.SendAsync(new MqttPubAckPacket { PacketId = p1.PacketId });
        var p3 = await server.ReceiveAsync<MqttPublishPacket>();
        await server.SendAsync(new MqttPubAckPacket { PacketId = p2.PacketId });
        await server.SendAsync(new MqttPubAckPacket { PacketId = p3.PacketId });
        await Task.WhenAll(first, second, third).Within();

        Assert.Equal(3, new[] { p1.PacketId, p2.PacketId, p3.PacketId }.Distinct().Count());
    }

    [Fact]
    public async Task PublishAsync_WindowOfOne_PublicationsLeaveInCallOrder()
    {
        await using var harness = new ClientHarness(MqttProtocolVersion.V500);
        var (server, _) = await harness.ConnectAsync(new MqttConnAckPacket { ReceiveMaximum = 1 });

        var publishing = Enumerable.Range(0, 20)
            .Select(i => harness.Client.PublishAsync(Message(MqttQualityOfService.AtLeastOnce, $"ordered/{i}")))
            .ToList();
        var topics = new List<string>();
        for (var i = 0; i < 20; i++)
        {
            var publish = await server.ReceiveAsync<MqttPublishPacket>();
            topics.Add(publish.Topic);
            await server.SendAsync(new MqttPubAckPacket { PacketId = publish.PacketId });
        }

        await Task.WhenAll(publishing).Within();
        Assert.Equal(Enumerable.Range(0, 20).Select(i => $"ordered/{i}"), topics);
    }

    [Fact]
    public async Task DisposeAsync_PublicationsWaitingForAckOrSlot_AllFail()
    {
        var harness = new ClientHarness(MqttProtocolVersion.V500, o =>
        {
            o.CleanStart = false;
            o.SessionExpiryInterval = 60;
        });
        var (server, _) = await harness.ConnectAsync(new MqttConnAckPacket { ReceiveMaximum = 1 });
        var sent = harness.Client.PublishAsync(new MqttApplicationMessage { Topic = "a", QualityOfService = MqttQualityOfService.AtLeastOnce });
        await server.ReceiveAsync<MqttPublishPacket>();
        var waiting = harness.Client.PublishAsync(new MqttApplicationMessage { Topic = "b", QualityOfService = MqttQualityOfService.AtLeastOnce });

        await harness.DisposeAsync();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => sent.Within());
        await Assert.ThrowsAsync<ObjectDisposedException>(() => waiting.Within());
    }

    [Fact]
    public async Task PublishAsync_QoSAboveServerMaximum_ThrowsQoSNotSupported()
    {
        await using var harness = new ClientHarness(MqttProtocolVersion.V500);
        await harness.ConnectAsync(new MqttConnAckPacket { MaximumQoS = MqttQualityOfService.AtLeastOnce, RetainAvailable = false });

        var qos = await Assert.ThrowsAsync<MqttProtocolViolationException>(
            () => harness.Client.PublishAsync(Message(MqttQualityOfService.ExactlyOnce)));
        var retain = await Assert.ThrowsAsync<MqttProtocolViolationException>(
            () => harness.Client.PublishAsync(new MqttApplicationMessage { Topic = "t", Retain = true }));

        Assert.Equal(MqttDisconnectReasonCode.QoSNotSupported, qos.ReasonCode);
        Assert.Equal(MqttDisconnectReasonCode.RetainNotSupported, retain.ReasonCode);
        Assert.Equal(0, harness.Client.InflightCount);
    }

    [Fact]
    public async Task PublishAsync_LargerThanServerMaximumPacketSize_ThrowsPacketTooLarge()
    {
        await using var harness = new ClientHarness(MqttProtocolVersion.V500);
        await harness.ConnectAsync(new MqttConnAckPacket { MaximumPacketSize = 128 });

        var ex = await Assert.ThrowsAsync<MqttProtocolViolationException>(() => harness.Client.PublishAsync(
            new MqttApplicationMessage { Topic = "t", Payload = new byte[200], QualityOfService = MqttQualityOfService.AtLeastOnce }));

        Assert.Equal(MqttDisconnectReasonCode.PacketTooLarge, ex.ReasonCode);
        Assert.Equal(0, harness.Client.InflightCount);
    }

    [Fact]
    public async Task PublishAsync_InvalidTopic_ThrowsBeforeSending()
    {
        await using var harness = new ClientHarness(MqttProtocolVersion.V311);
        await harness.ConnectAsync();

        var ex = await Assert.ThrowsAsync<MqttProtocolViolationException>(
            () => harness.Client.PublishAsync(new MqttApplicationMessage { Topic = "a/+", QualityOfService = MqttQualityOfService.AtLeastOnce }));

        Assert.Equal("MQTT-3.3.2-2", ex.Rule);
        Assert.Equal(0, harness.Client.InflightCount);
    }

    [Fact]
    public async Task PublishAsync_NotConnected_ThrowsConnectionClosed()
    {
        await using var client = new MqttClient(new MqttClientOptions());

        await Assert.ThrowsAsync<MqttConnectionClosedException>(() => client.PublishAsync(Message(MqttQualityOfService.AtMostOnce)));
    }

    [Theory]
    [InlineData(MqttProtocolVersion.V311)]
    [InlineData(MqttProtocolVersion.V500)]
    public async Task SubscribeAndUnsubscribe_ServerAcks_ReturnAcksMatchedByPacketId(MqttProtocolVersion version)
    {
        var v5 = version == MqttProtocolVersion.V500;
        await using var harness = new ClientHarness(version);
        var (server, _) = await harness.ConnectAsync();

        var subscribing = harness.Client.SubscribeAsync(new MqttSubscribePacket
        {
            Subscriptions = [new MqttSubscription("devices/+/results", MqttQualityOfService.ExactlyOnce), new MqttSubscription("x/#")],
            SubscriptionIdentifier = v5 ? 7u : null,
        });
        var subscribe = await server.ReceiveAsync<MqttSubscribePacket>();
        await server.SendAsync(new MqttSubAckPacket { PacketId = subscribe.PacketId, ReasonCodes = [MqttSubAckReasonCode.GrantedQoS1, MqttSubAckReasonCode.UnspecifiedError] });
        var subAck = await subscribing.Within();
        var unsubscribing = harness.Client.UnsubscribeAsync("devices/+/results");
        var unsubscribe = await server.ReceiveAsync<MqttUnsubscribePacket>();
        await server.SendAsync(new MqttUnsubAckPacket { PacketId = unsubscribe.PacketId, ReasonCodes = v5 ? [MqttUnsubAckReasonCode.Success] : [] });
        var unsubAck = await unsubscribing.Within();

        Assert.Equal(2, subscribe.Subscriptions.Count);
        Assert.Equal(MqttQualityOfService.ExactlyOnce, subscribe.Subscriptions[0].MaximumQoS);
        Assert.Equal(v5 ? 7u : null, subscribe.SubscriptionIdentifier);
        Assert.Equal([MqttSubAckReasonCode.GrantedQoS1, MqttSubAckReasonCode.UnspecifiedError], subAck.ReasonCodes);
        Assert.Equal(["devices/+/results"], unsubscribe.TopicFilters);
        Assert.NotEqual(subscribe.PacketId, unsubscribe.PacketId);
        Assert.Equal(unsubscribe.PacketId, unsubAck.PacketId);
    }
}
