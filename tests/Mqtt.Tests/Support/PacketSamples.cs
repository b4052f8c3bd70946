using System.Text;

using Visco.Mqtt.Packets;

namespace Visco.Mqtt.Tests.Support;

/// <summary>One packet of every type with every field the version carries set to a non-default value.</summary>
internal static class PacketSamples
{
    public static IEnumerable<(string Name, MqttPacket Packet)> All(MqttProtocolVersion version)
    {
        var v5 = version == MqttProtocolVersion.V500;
        yield return ("CONNECT", Connect(version));
        yield return ("CONNACK", ConnAck(v5));
        yield return ("PUBLISH QoS 0", Publish(v5, MqttQualityOfService.AtMostOnce));
        yield return ("PUBLISH QoS 1", Publish(v5, MqttQualityOfService.AtLeastOnce));
        yield return ("PUBLISH QoS 2", Publish(v5, MqttQualityOfService.ExactlyOnce));
        yield return ("PUBLISH empty", new MqttPublishPacket { Topic = "t" });
        yield return ("PUBACK", new MqttPubAckPacket { PacketId = 1, ReasonCode = v5 ? MqttPubAckReasonCode.NoMatchingSubscribers : 0, ReasonString = v5 ? "no one" : null, UserProperties = Props(v5) });
        yield return ("PUBACK code only", new MqttPubAckPacket { PacketId = 2, ReasonCode = v5 ? MqttPubAckReasonCode.QuotaExceeded : 0 });
        yield return ("PUBREC", new MqttPubRecPacket { PacketId = 3, ReasonCode = v5 ? MqttPubRecReasonCode.PayloadFormatInvalid : 0, ReasonString = v5 ? "bad" : null, UserProperties = Props(v5) });
        yield return ("PUBREL", new MqttPubRelPacket { PacketId = 0xFFFF, ReasonCode = v5 ? MqttPubRelReasonCode.PacketIdentifierNotFound : 0, ReasonString = v5 ? "gone" : null, UserProperties = Props(v5) });
        yield return ("PUBCOMP", new MqttPubCompPacket { PacketId = 0x1234, ReasonCode = v5 ? MqttPubCompReasonCode.PacketIdentifierNotFound : 0, ReasonString = v5 ? "gone" : null, UserProperties = Props(v5) });
        yield return ("SUBSCRIBE", Subscribe(v5));
        yield return ("SUBACK", new MqttSubAckPacket
        {
            PacketId = 9,
            ReasonCodes = v5
                ? [MqttSubAckReasonCode.GrantedQoS0, MqttSubAckReasonCode.GrantedQoS2, MqttSubAckReasonCode.SharedSubscriptionsNotSupported]
                : [MqttSubAckReasonCode.GrantedQoS0, MqttSubAckReasonCode.GrantedQoS1, MqttSubAckReasonCode.UnspecifiedError],
            ReasonString = v5 ? "partly" : null,
            UserProperties = Props(v5),
        });
        yield return ("UNSUBSCRIBE", new MqttUnsubscribePacket { PacketId = 10, TopicFilters = ["a/+", "b/#", "ünï/cødé"], UserProperties = Props(v5) });
        yield return ("UNSUBACK", new MqttUnsubAckPacket
        {
            PacketId = 10,
            ReasonCodes = v5 ? [MqttUnsubAckReasonCode.Success, MqttUnsubAckReasonCode.NoSubscriptionExisted] : [],
            ReasonString = v5 ? "done" : null,
            UserProperties = Props(v5),
        });
        yield return ("PINGREQ", MqttPingReqPacket.Instance);
        yield return ("PINGRESP", MqttPingRespPacket.Instance);
        yield return ("DISCONNECT", v5
            ? new MqttDisconnectPacket { ReasonCode = MqttDisconnectReasonCode.ServerMoved, SessionExpiryInterval = 7, ReasonString = "moving", ServerReference = "other:1883", UserProperties = Props(v5) }
            : new MqttDisconnectPacket());
        if (v5)
        {
            yield return ("DISCONNECT code only", new MqttDisconnectPacket { ReasonCode = MqttDisconnectReasonCode.DisconnectWithWillMessage });
            yield return ("AUTH", new MqttAuthPacket { ReasonCode = MqttAuthReasonCode.ContinueAuthentication, AuthenticationMethod = "SCRAM-SHA-256", AuthenticationData = [1, 2, 3], ReasonString = "step 2", UserProperties = Props(v5) });
            yield return ("AUTH empty", new MqttAuthPacket());
        }
    }

    public static MqttConnectPacket Connect(MqttProtocolVersion version)
    {
        var v5 = version == MqttProtocolVersion.V500;
        return new MqttConnectPacket
        {
            ProtocolVersion = version,
            ClientId = "analyser-0042",
            CleanStart = false,
            KeepAliveSeconds = 45,
            UserName = "device",
            Password = [0x00, 0xFF, 0x10],
            Will = new MqttWillMessage
            {
                Topic = "devices/0042/state",
                Payload = Encoding.UTF8.GetBytes("offline"),
                QualityOfService = MqttQualityOfService.AtLeastOnce,
                Retain = true,
                DelayInterval = v5 ? 30u : 0,
                PayloadFormatIndicator = v5 ? MqttPayloadFormatIndicator.CharacterData : 0,
                MessageExpiryInterval = v5 ? 600u : null,
                ContentType = v5 ? "text/plain" : null,
                ResponseTopic = v5 ? "devices/0042/ack" : null,
                CorrelationData = v5 ? [9, 8, 7] : null,
                UserProperties = Props(v5),
            },
            SessionExpiryInterval = v5 ? 3600u : 0,
            ReceiveMaximum = v5 ? (ushort)20 : ushort.MaxValue,
            MaximumPacketSize = v5 ? 65_536u : null,
            TopicAliasMaximum = v5 ? (ushort)5 : (ushort)0,
            RequestResponseInformation = v5,
            RequestProblemInformation = !v5,
            AuthenticationMethod = v5 ? "token" : null,
            AuthenticationData = v5 ? [4, 5, 6] : null,
            UserProperties = Props(v5),
        };
    }

    private static MqttConnAckPacket ConnAck(bool v5) => new()
    {
        SessionPresent = true,
        ReasonCode = MqttConnectReasonCode.Success,
        SessionExpiryInterval = v5 ? 120u : null,
        ReceiveMaximum = v5 ? (ushort)10 : ushort.MaxValue,
        MaximumQoS = v5 ? MqttQualityOfService.AtLeastOnce : MqttQualityOfService.ExactlyOnce,
        RetainAvailable = !v5,
        MaximumPacketSize = v5 ? 1_048_576u : null,
        AssignedClientIdentifier = v5 ? "auto-1" : null,
        TopicAliasMaximum = v5 ? (ushort)8 : (ushort)0,
        ReasonString = v5 ? "welcome" : null,
        UserProperties = Props(v5),
        WildcardSubscriptionAvailable = !v5,
        SubscriptionIdentifiersAvailable = !v5,
        SharedSubscriptionAvailable = !v5,
        ServerKeepAlive = v5 ? (ushort)30 : null,
        ResponseInformation = v5 ? "responses/" : null,
        ServerReference = v5 ? "backup:1883" : null,
        AuthenticationMethod = v5 ? "token" : null,
        AuthenticationData = v5 ? [1] : null,
    };

    private static MqttPublishPacket Publish(bool v5, MqttQualityOfService qos) => new()
    {
        Topic = "devices/0042/measurements",
        Payload = Encoding.UTF8.GetBytes("{\"v\":1,\"sampleId\":\"s-1\"}"),
        QualityOfService = qos,
        Retain = true,
        Dup = qos != MqttQualityOfService.AtMostOnce,
        PacketId = qos == MqttQualityOfService.AtMostOnce ? (ushort)0 : (ushort)4242,
        PayloadFormatIndicator = v5 ? MqttPayloadFormatIndicator.CharacterData : 0,
        MessageExpiryInterval = v5 ? 60u : null,
        TopicAlias = v5 ? (ushort)3 : (ushort)0,
        ResponseTopic = v5 ? "devices/0042/results" : null,
        CorrelationData = v5 ? [0xCA, 0xFE] : null,
        SubscriptionIdentifiers = v5 ? [1u, 268_435_455u] : [],
        ContentType = v5 ? "application/json" : null,
        UserProperties = Props(v5),
    };

    private static MqttSubscribePacket Subscribe(bool v5) => new()
    {
        PacketId = 9,
        SubscriptionIdentifier = v5 ? 16_384u : null,
        UserProperties = Props(v5),
        Subscriptions =
        [
            new MqttSubscription("devices/+/results", MqttQualityOfService.AtLeastOnce)
            {
                NoLocal = v5,
                RetainAsPublished = v5,
                RetainHandling = v5 ? MqttRetainHandling.DoNotSend : 0,
            },
            new MqttSubscription("#", MqttQualityOfService.ExactlyOnce),
            new MqttSubscription(v5 ? "$share/pool/devices/#" : "$SYS/broker/+", MqttQualityOfService.AtMostOnce)
            {
                RetainHandling = v5 ? MqttRetainHandling.SendAtSubscribeIfNew : 0,
            },
        ],
    };

    private static List<MqttUserProperty> Props(bool v5) =>
        v5 ? [new("region", "eu"), new("region", "eu"), new("ключ", "值")] : [];
}
