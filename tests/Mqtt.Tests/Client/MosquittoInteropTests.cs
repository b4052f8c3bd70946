using System.Text;
using System.Threading.Channels;

using Visco.Mqtt.Client;
using Visco.Mqtt.Packets;
using Visco.Mqtt.Tests.Support;
using Visco.TestKit;

namespace Visco.Mqtt.Tests.Client;

/// <summary>Our client against a real broker (Debian's mosquitto 2.0), in both protocol versions.</summary>
public sealed class MosquittoInteropTests(MosquittoBroker broker) : IClassFixture<MosquittoBroker>
{
    private static readonly MqttQualityOfService[] AllQoS =
        [MqttQualityOfService.AtMostOnce, MqttQualityOfService.AtLeastOnce, MqttQualityOfService.ExactlyOnce];

    [RequiresToolFact("mosquitto")]
    public Task PublishSubscribe_V311_EveryQoSDelivered() => PublishSubscribeAllQoS(MqttProtocolVersion.V311);

    [RequiresToolFact("mosquitto")]
    public Task PublishSubscribe_V500_EveryQoSDelivered() => PublishSubscribeAllQoS(MqttProtocolVersion.V500);

    [RequiresToolFact("mosquitto")]
    public async Task Publish_V500Properties_ForwardedByBroker()
    {
        var topic = UniqueTopic();
        await using var subscriber = await ConnectAsync(MqttProtocolVersion.V500, "props-sub");
        var inbox = Inbox(subscriber);
        var subAck = await subscriber.SubscribeAsync(new MqttSubscribePacket
        {
            Subscriptions = [new MqttSubscription(topic, MqttQualityOfService.AtLeastOnce)],
            SubscriptionIdentifier = 42,
        }).Within();
        await using var publisher = await ConnectAsync(MqttProtocolVersion.V500, "props-pub");

        await publisher.PublishAsync(new MqttApplicationMessage
        {
            Topic = topic,
            Payload = "{\"v\":1}"u8.ToArray(),
            QualityOfService = MqttQualityOfService.AtLeastOnce,
            ContentType = "application/json",
            ResponseTopic = topic + "/reply",
            CorrelationData = [1, 2, 3],
            PayloadFormatIndicator = MqttPayloadFormatIndicator.CharacterData,
            MessageExpiryInterval = 3600,
            UserProperties = [new("sampleId", "s-1"), new("v", "1")],
        }).Within();
        var message = await inbox.ReadAsync().AsTask().Within();

        Assert.Equal([MqttSubAckReasonCode.GrantedQoS1], subAck.ReasonCodes);
        Assert.Equal("application/json", message.Packet.ContentType);
        Assert.Equal(topic + "/reply", message.Packet.ResponseTopic);
        Assert.Equal(new byte[] { 1, 2, 3 }, message.Packet.CorrelationData);
        Assert.Equal(MqttPayloadFormatIndicator.CharacterData, message.Packet.PayloadFormatIndicator);
        Assert.Equal([42u], message.Packet.SubscriptionIdentifiers);
        Assert.Equal([new MqttUserProperty("sampleId", "s-1"), new MqttUserProperty("v", "1")], message.Packet.UserProperties);
    }

    [RequiresToolFact("mosquitto")]
    public async Task Retained_V500_NewSubscriberReceivesIt()
    {
        var topic = UniqueTopic();
        await using var publisher = await ConnectAsync(MqttProtocolVersion.V500, "retain-pub");
        await publisher.PublishAsync(new MqttApplicationMessage
        {
            Topic = topic,
            Payload = "firmware 1.2"u8.ToArray(),
            QualityOfService = MqttQualityOfService.AtLeastOnce,
            Retain = true,
        }).Within();

        await using var subscriber = await ConnectAsync(MqttProtocolVersion.V311, "retain-sub");
        var inbox = Inbox(subscriber);
        await subscriber.SubscribeAsync(topic, MqttQualityOfService.AtLeastOnce).Within();
        var message = await inbox.ReadAsync().AsTask().Within();

        Assert.True(message.Retain);
        Assert.Equal("firmware 1.2", Encoding.UTF8.GetString(message.Payload.Span));
    }

    [RequiresToolFact("mosquitto")]
    public Task PersistentSession_V311_QueuedMessageDeliveredOnReconnect() =>
        PersistentSessionQueuesWhileOffline(MqttProtocolVersion.V311);

    [RequiresToolFact("mosquitto")]
    public Task PersistentSession_V500_QueuedMessageDeliveredOnReconnect() =>
        PersistentSessionQueuesWhileOffline(MqttProtocolVersion.V500);

    [RequiresToolFact("mosquitto")]
    public async Task Publish_LargePayloadAndManyMessages_AllArriveInOrder()
    {
        var topic = UniqueTopic();
        await using var subscriber = await ConnectAsync(MqttProtocolVersion.V500, "bulk-sub");
        var inbox = Inbox(subscriber);
        await subscriber.SubscribeAsync(topic, MqttQualityOfService.AtLeastOnce).Within();
        await using var publisher = await ConnectAsync(MqttProtocolVersion.V500, "bulk-pub");
        var big = new byte[512 * 1024];
        new Random(3).NextBytes(big);

        var sends = Enumerable.Range(0, 200).Select(i => publisher.PublishAsync(new MqttApplicationMessage
        {
            Topic = topic,
            Payload = i == 100 ? big : BitConverter.GetBytes(i),
            QualityOfService = MqttQualityOfService.AtLeastOnce,
        })).ToList();
        var results = await Task.WhenAll(sends).Within();
        var received = new List<MqttReceivedMessage>();
        for (var i = 0; i < 200; i++)
        {
            received.Add(await inbox.ReadAsync().AsTask().Within());
        }

        Assert.All(results, r => Assert.True(r.IsSuccess));
        Assert.True(big.AsSpan().SequenceEqual(received[100].Payload.Span));
        Assert.Equal(
            Enumerable.Range(0, 200).Where(i => i != 100),
            received.Where((_, i) => i != 100).Select(m => BitConverter.ToInt32(m.Payload.Span)));
    }

    private async Task PublishSubscribeAllQoS(MqttProtocolVersion version)
    {
        var topic = UniqueTopic();
        await using var subscriber = await ConnectAsync(version, $"sub-{version}");
        var inbox = Inbox(subscriber);
        var subAck = await subscriber.SubscribeAsync(new MqttSubscribePacket
        {
            Subscriptions = [new MqttSubscription(topic + "/+", MqttQualityOfService.ExactlyOnce)],
        }).Within();
        await using var publisher = await ConnectAsync(version, $"pub-{version}");

        foreach (var qos in AllQoS)
        {
            var result = await publisher.PublishAsync(new MqttApplicationMessage
            {
                Topic = $"{topic}/{(int)qos}",
                Payload = Encoding.UTF8.GetBytes($"measurement at QoS {(int)qos}"),
                QualityOfService = qos,
            }).Within();
            var message = await inbox.ReadAsync().AsTask().Within();

            Assert.True(result.IsSuccess);
            Assert.Equal(qos, message.QualityOfService);
            Assert.Equal($"{topic}/{(int)qos}", message.Topic);
            Assert.Equal($"measurement at QoS {(int)qos}", Encoding.UTF8.GetString(message.Payload.Span));
        }

        Assert.Equal([MqttSubAckReasonCode.GrantedQoS2], subAck.ReasonCodes);
        await publisher.DisconnectAsync().Within();
        await subscriber.DisconnectAsync().Within();
        Assert.Equal(0, publisher.InflightCount);
    }

    private async Task PersistentSessionQueuesWhileOffline(MqttProtocolVersion version)
    {
        var topic = UniqueTopic();
        var clientId = $"persistent-{version}-{Guid.NewGuid():N}"[..23];
        void Persistent(MqttClientOptions o)
        {
            o.ClientId = clientId;
            o.CleanStart = false;
            o.SessionExpiryInterval = version == MqttProtocolVersion.V500 ? 300u : 0;
        }

        await using (var first = await ConnectAsync(version, clientId, Persistent))
        {
            await first.SubscribeAsync(topic, MqttQualityOfService.AtLeastOnce).Within();
            await first.DisconnectAsync().Within();
        }

        await using (var publisher = await ConnectAsync(version, "offline-pub"))
        {
            await publisher.PublishAsync(new MqttApplicationMessage { Topic = topic, Payload = "while you were away"u8.ToArray(), QualityOfService = MqttQualityOfService.AtLeastOnce }).Within();
        }

        await using var again = new MqttClient(Options(version, clientId, Persistent));
        var inbox = Inbox(again);
        var connAck = await again.ConnectAsync().Within();
        var message = await inbox.ReadAsync().AsTask().Within();

        Assert.True(connAck.SessionPresent);
        Assert.Equal("while you were away", Encoding.UTF8.GetString(message.Payload.Span));
        Assert.Equal(MqttQualityOfService.AtLeastOnce, message.QualityOfService);
    }

    private MqttClientOptions Options(MqttProtocolVersion version, string clientId, Action<MqttClientOptions>? configure)
    {
        var options = new MqttClientOptions
        {
            Port = broker.Port,
            ProtocolVersion = version,
            ClientId = clientId,
            KeepAlive = TimeSpan.FromSeconds(30),
        };
        configure?.Invoke(options);
        return options;
    }

    private async Task<MqttClient> ConnectAsync(MqttProtocolVersion version, string clientId, Action<MqttClientOptions>? configure = null)
    {
        var client = new MqttClient(Options(version, $"{clientId}-{Guid.NewGuid().ToString("N")[..6]}", configure));
        await client.ConnectAsync().Within();
        return client;
    }

    private static ChannelReader<MqttReceivedMessage> Inbox(MqttClient client)
    {
        var channel = Channel.CreateUnbounded<MqttReceivedMessage>();
        client.MessageReceived = (message, _) => channel.Writer.WriteAsync(message);
        return channel.Reader;
    }

    private static string UniqueTopic() => $"visco/test/{Guid.NewGuid():N}";
}
