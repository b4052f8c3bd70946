using Visco.Mqtt.Packets;
using Visco.Mqtt.Topics;

namespace Visco.Mqtt.Codec;

internal static partial class MqttPacketDecoder
{
    private static MqttPublishPacket DecodePublish(
        ref MqttSpanReader reader, byte flags, byte[]? ownedBody, MqttProtocolVersion version)
    {
        var packet = new MqttPublishPacket
        {
            Retain = (flags & 0x01) != 0,
            QualityOfService = (MqttQualityOfService)((flags >> 1) & 0x03),
            Dup = (flags & 0x08) != 0,
            Topic = reader.ReadString("the Topic Name"),
        };

        if (packet.QualityOfService != MqttQualityOfService.AtMostOnce)
        {
            packet.PacketId = ReadPacketId(ref reader, "a QoS 1 or 2 PUBLISH");
        }

        if (version == MqttProtocolVersion.V500)
        {
            var set = default(MqttPropertySet);
            MqttPropertyReader.Read(ref reader, MqttPropertyReader.PublishMask, "PUBLISH", repeatSubscriptionIdentifier: true, ref set);
            packet.PayloadFormatIndicator = (MqttPayloadFormatIndicator)(set.PayloadFormatIndicator ?? 0);
            packet.MessageExpiryInterval = set.MessageExpiryInterval;
            packet.TopicAlias = set.TopicAlias ?? 0;
            packet.ResponseTopic = set.ResponseTopic;
            packet.CorrelationData = set.CorrelationData;
            packet.SubscriptionIdentifiers = set.SubscriptionIdentifiers ?? [];
            packet.ContentType = set.ContentType;
            packet.UserProperties = set.TakeUserProperties();
        }

        if (packet.Topic.Length > 0 || packet.TopicAlias == 0)
        {
            TopicName.Validate(packet.Topic);
        }

        // The payload is copied exactly once: out of the transport buffer, or not at all when the body was already
        // gathered into an array of its own from a multi-segment buffer.
        var start = reader.Position;
        var payload = reader.ReadToEnd();
        packet.Payload = payload.IsEmpty ? ReadOnlyMemory<byte>.Empty
            : ownedBody is not null ? ownedBody.AsMemory(start, payload.Length)
            : payload.ToArray();
        return packet;
    }
}
