using Visco.Mqtt.Packets;
using Visco.Mqtt.Topics;

namespace Visco.Mqtt.Codec;

internal static partial class MqttPacketEncoder
{
    private static void WritePublish(ref MqttWriter writer, MqttPublishPacket packet, MqttProtocolVersion version)
    {
        var v5 = version == MqttProtocolVersion.V500;
        if ((int)packet.QualityOfService > 2)
        {
            MqttThrow.Malformed("MQTT-3.3.1-4", "QoS 3 is not a valid quality of service");
        }

        if (packet.QualityOfService == MqttQualityOfService.AtMostOnce && packet.Dup)
        {
            MqttThrow.Malformed("MQTT-3.3.1-2", "the DUP flag must be 0 for QoS 0 messages");
        }

        if (!(v5 && packet.Topic.Length == 0 && packet.TopicAlias != 0))
        {
            TopicName.Validate(packet.Topic);
        }

        writer.WriteString(packet.Topic, "Topic Name");
        if (packet.QualityOfService != MqttQualityOfService.AtMostOnce)
        {
            RequirePacketId(packet.PacketId, "a QoS 1 or 2 PUBLISH");
            writer.WriteUInt16(packet.PacketId);
        }

        if (v5)
        {
            var counter = MqttWriter.CreateCounter();
            WritePublishProperties(ref counter, packet);
            writer.WriteVariableByteInteger((uint)counter.Written);
            WritePublishProperties(ref writer, packet);
        }

        writer.WriteRaw(packet.Payload.Span);
    }

    private static void WritePublishProperties(ref MqttWriter writer, MqttPublishPacket packet)
    {
        writer.WriteByteProperty(MqttPropertyId.PayloadFormatIndicator, packet.PayloadFormatIndicator == 0 ? null : (byte)packet.PayloadFormatIndicator);
        writer.WriteUInt32Property(MqttPropertyId.MessageExpiryInterval, packet.MessageExpiryInterval);
        writer.WriteUInt16Property(MqttPropertyId.TopicAlias, packet.TopicAlias == 0 ? null : packet.TopicAlias);
        writer.WriteStringProperty(MqttPropertyId.ResponseTopic, packet.ResponseTopic);
        writer.WriteBinaryProperty(MqttPropertyId.CorrelationData, packet.CorrelationData);
        foreach (var id in packet.SubscriptionIdentifiers)
        {
            writer.WriteByte((byte)MqttPropertyId.SubscriptionIdentifier);
            writer.WriteVariableByteInteger(id);
        }

        writer.WriteStringProperty(MqttPropertyId.ContentType, packet.ContentType);
        writer.WriteUserProperties(packet.UserProperties);
    }
}
