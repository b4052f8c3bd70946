using System.Text;
using Visco.Mqtt.Packets;
using Visco.MqttFrontDoor.Tests.Support;

namespace Visco.MqttFrontDoor.Tests.Server;

public sealed class RoutingTests
{
    [Theory]
    [InlineData(MqttProtocolVersion.V311)]
    [InlineData(MqttProtocolVersion.V500)]
    public async Task Publish_Qos1ToSubscriber_DeliveredAndAcknowledged(MqttProtocolVersion version)
    {
        await using var host = await FrontDoorHost.StartOpenAsync();
        var (subscriber, subAck) = await RawMqttClient.ConnectAsync(host.Port, "sub", version);
        await using var _ = subscriber;
        Assert.Equal(MqttConnectReasonCode.Success, subAck.ReasonCode);
        var granted = await subscriber.SubscribeAsync("lab/+/temp");
        Assert.Equal(MqttSubAckReasonCode.GrantedQoS1, granted.ReasonCodes.Single());

        var (publisher, _) = await RawMqttClient.ConnectAsync(host.Port, "pub", version);
        await using var __ = publisher;
        var ack = await publisher.PublishQos1Async("lab/a/temp", "37.0", 7);
        Assert.Equal(7, ack.PacketId);
        Assert.Equal(MqttPubAckReasonCode.Success, ack.ReasonCode);

        var delivered = await subscriber.ExpectAsync<MqttPublishPacket>();
        Assert.Equal("lab/a/temp", delivered.Topic);
        Assert.Equal("37.0", Encoding.UTF8.GetString(delivered.Payload.Span));
        Assert.Equal(MqttQualityOfService.AtLeastOnce, delivered.QualityOfService);
        Assert.False(delivered.Retain);
        Assert.Empty(host.Logs.Errors);
    }

    [Fact]
    public async Task Publish_V5Properties_PassedThrough()
    {
        await using var host = await FrontDoorHost.StartOpenAsync();
        var (subscriber, _) = await RawMqttClient.ConnectAsync(host.Port, "sub");
        await using var _s = subscriber;
        await subscriber.SendAsync(new MqttSubscribePacket { PacketId = 1, SubscriptionIdentifier = 42, Subscriptions = [new MqttSubscription("req/#", MqttQualityOfService.AtLeastOnce)] });
        await subscriber.ExpectAsync<MqttSubAckPacket>();
        var (publisher, _) = await RawMqttClient.ConnectAsync(host.Port, "pub");
        await using var _p = publisher;
        await publisher.SendAsync(new MqttPublishPacket
        {
            Topic = "req/1",
            Payload = "{}"u8.ToArray(),
            QualityOfService = MqttQualityOfService.AtLeastOnce,
            PacketId = 3,
            ResponseTopic = "resp/1",
            CorrelationData = [1, 2, 3],
            ContentType = "application/json",
            PayloadFormatIndicator = MqttPayloadFormatIndicator.CharacterData,
            MessageExpiryInterval = 60,
            UserProperties = [new MqttUserProperty("k", "v")],
        });
        await publisher.ExpectAsync<MqttPubAckPacket>();

        var delivered = await subscriber.ExpectAsync<MqttPublishPacket>();
        Assert.Equal("resp/1", delivered.ResponseTopic);
        Assert.Equal([1, 2, 3], delivered.CorrelationData);
        Assert.Equal("application/json", delivered.ContentType);
        Assert.Equal(MqttPayloadFormatIndicator.CharacterData, delivered.PayloadFormatIndicator);
        Assert.Equal(60u, delivered.MessageExpiryInterval);
        Assert.Equal(new MqttUserProperty("k", "v"), delivered.UserProperties.Single());
        Assert.Equal(42u, delivered.SubscriptionIdentifiers.Single());
    }

    [Fact]
    public async Task Publish_TopicAlias_ResolvedOnLaterPublish()
    {
        await using var host = await FrontDoorHost.StartOpenAsync();
        var (subscriber, _) = await RawMqttClient.ConnectAsync(host.Port, "sub");
        await using var _s = subscriber;
        await subscriber.SubscribeAsync("alias/topic");
        var (publisher, connAck) = await RawMqttClient.ConnectAsync(host.Port, "pub");
        await using var _p = publisher;
        Assert.True(connAck.TopicAliasMaximum > 0);

        await publisher.SendAsync(new MqttPublishPacket { Topic = "alias/topic", TopicAlias = 1, Payload = "a"u8.ToArray(), QualityOfService = MqttQualityOfService.AtLeastOnce, PacketId = 1 });
        await publisher.ExpectAsync<MqttPubAckPacket>();
        await publisher.SendAsync(new MqttPublishPacket { Topic = string.Empty, TopicAlias = 1, Payload = "b"u8.ToArray(), QualityOfService = MqttQualityOfService.AtLeastOnce, PacketId = 2 });
        await publisher.ExpectAsync<MqttPubAckPacket>();

        Assert.Equal("alias/topic", (await subscriber.ExpectAsync<MqttPublishPacket>()).Topic);
        var second = await subscriber.ExpectAsync<MqttPublishPacket>();
        Assert.Equal("alias/topic", second.Topic);
        Assert.Equal("b", Encoding.UTF8.GetString(second.Payload.Span));
    }

    [Fact]
    public async Task Publish_UnknownTopicAlias_DisconnectsWithProtocolError()
    {
        await using var host = await FrontDoorHost.StartOpenAsync();
        var (client, _) = await RawMqttClient.ConnectAsync(host.Port, "pub");
        await using var _c = client;
        await client.SendAsync(new MqttPublishPacket { Topic = string.Empty, TopicAlias = 3, Payload = "b"u8.ToArray() });

        var packets = await client.ReadUntilClosedAsync();
        Assert.Equal(MqttDisconnectReasonCode.ProtocolError, Assert.IsType<MqttDisconnectPacket>(packets.Single()).ReasonCode);
    }

    [Fact]
    public async Task Connect_EmptyClientIdInOpenMode_AssignsIdentifier()
    {
        await using var host = await FrontDoorHost.StartOpenAsync();
        var (client, connAck) = await RawMqttClient.ConnectAsync(host.Port, string.Empty);
        await using var _c = client;
        Assert.Equal(MqttConnectReasonCode.Success, connAck.ReasonCode);
        Assert.StartsWith("auto-", connAck.AssignedClientIdentifier);
    }

    [Fact]
    public async Task Ping_Answered()
    {
        await using var host = await FrontDoorHost.StartOpenAsync();
        var (client, _) = await RawMqttClient.ConnectAsync(host.Port, "pinger", MqttProtocolVersion.V311);
        await using var _c = client;
        await client.SendAsync(new MqttPingReqPacket());
        await client.ExpectAsync<MqttPingRespPacket>();
    }
}
