using Visco.Mqtt.Packets;
using Visco.Mqtt.Topics;

namespace Visco.Mqtt.Codec;

internal static partial class MqttPacketEncoder
{
    private static void WriteSubscribe(ref MqttWriter writer, MqttSubscribePacket packet, MqttProtocolVersion version)
    {
        var v5 = version == MqttProtocolVersion.V500;
        RequirePacketId(packet.PacketId, "SUBSCRIBE");
        if (packet.Subscriptions.Count == 0)
        {
            MqttThrow.ProtocolError("MQTT-3.8.3-2", "a SUBSCRIBE must contain at least one topic filter");
        }

        writer.WriteUInt16(packet.PacketId);
        if (v5)
        {
            var counter = MqttWriter.CreateCounter();
            WriteSubscribeProperties(ref counter, packet);
            writer.WriteVariableByteInteger((uint)counter.Written);
            WriteSubscribeProperties(ref writer, packet);
        }

        foreach (var subscription in packet.Subscriptions)
        {
            TopicFilter.Validate(subscription.TopicFilter, allowShared: v5);
            writer.WriteString(subscription.TopicFilter, "Topic Filter");
            var options = (int)subscription.MaximumQoS;
            if (v5)
            {
                options |= (subscription.NoLocal ? 0x04 : 0) | (subscription.RetainAsPublished ? 0x08 : 0)
                    | ((int)subscription.RetainHandling << 4);
            }

            writer.WriteByte((byte)options);
        }
    }

    private static void WriteSubscribeProperties(ref MqttWriter writer, MqttSubscribePacket packet)
    {
        if (packet.SubscriptionIdentifier is { } id)
        {
            if (id == 0)
            {
                MqttThrow.ProtocolError("§3.8.2.1.2", "a Subscription Identifier of 0 is not permitted");
            }

            writer.WriteByte((byte)MqttPropertyId.SubscriptionIdentifier);
            writer.WriteVariableByteInteger(id);
        }

        writer.WriteUserProperties(packet.UserProperties);
    }

    private static void WriteSubAck(ref MqttWriter writer, MqttSubAckPacket packet, MqttProtocolVersion version)
    {
        RequirePacketId(packet.PacketId, "SUBACK");
        writer.WriteUInt16(packet.PacketId);
        if (version == MqttProtocolVersion.V500)
        {
            WriteReasonProperties(ref writer, packet.ReasonString, packet.UserProperties);
        }

        foreach (var code in packet.ReasonCodes)
        {
            // 3.1.1 knows only granted QoS 0-2 and 0x80; every MQTT 5 failure reads as 0x80 there.
            writer.WriteByte(version == MqttProtocolVersion.V311 && code > MqttSubAckReasonCode.GrantedQoS2
                ? (byte)MqttSubAckReasonCode.UnspecifiedError
                : (byte)code);
        }
    }

    private static void WriteUnsubscribe(ref MqttWriter writer, MqttUnsubscribePacket packet, MqttProtocolVersion version)
    {
        RequirePacketId(packet.PacketId, "UNSUBSCRIBE");
        if (packet.TopicFilters.Count == 0)
        {
            MqttThrow.ProtocolError("MQTT-3.10.3-2", "an UNSUBSCRIBE must contain at least one topic filter");
        }

        writer.WriteUInt16(packet.PacketId);
        if (version == MqttProtocolVersion.V500)
        {
            WriteUserPropertiesBlock(ref writer, packet.UserProperties);
        }

        foreach (var filter in packet.TopicFilters)
        {
            TopicFilter.Validate(filter, allowShared: version == MqttProtocolVersion.V500);
            writer.WriteString(filter, "Topic Filter");
        }
    }

    private static void WriteUnsubAck(ref MqttWriter writer, MqttUnsubAckPacket packet, MqttProtocolVersion version)
    {
        RequirePacketId(packet.PacketId, "UNSUBACK");
        writer.WriteUInt16(packet.PacketId);
        if (version == MqttProtocolVersion.V311)
        {
            return;
        }

        WriteReasonProperties(ref writer, packet.ReasonString, packet.UserProperties);
        foreach (var code in packet.ReasonCodes)
        {
            writer.WriteByte((byte)code);
        }
    }
}
