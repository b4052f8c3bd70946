using Visco.Mqtt.Packets;
using Visco.Mqtt.Topics;

namespace Visco.Mqtt.Codec;

internal static partial class MqttPacketDecoder
{
    private static MqttSubscribePacket DecodeSubscribe(ref MqttSpanReader reader, MqttProtocolVersion version)
    {
        var packet = new MqttSubscribePacket { PacketId = ReadPacketId(ref reader, "SUBSCRIBE") };
        var v5 = version == MqttProtocolVersion.V500;
        if (v5)
        {
            var set = default(MqttPropertySet);
            MqttPropertyReader.Read(ref reader, MqttPropertyReader.SubscribeMask, "SUBSCRIBE", ref set);
            packet.SubscriptionIdentifier = set.SubscriptionIdentifiers?[0];
            packet.UserProperties = set.TakeUserProperties();
        }

        while (!reader.End)
        {
            var filter = reader.ReadString("a Topic Filter");
            var options = reader.ReadByte();
            if ((options & (v5 ? 0xC0 : 0xFC)) != 0)
            {
                MqttThrow.Malformed(v5 ? "MQTT-3.8.3-5" : "MQTT-3.8.3-4", "the reserved bits of the Subscription Options must be 0");
            }

            if ((options & 0x03) == 3)
            {
                MqttThrow.Malformed("§3.8.3.1", "the Maximum QoS of a subscription must not be 3");
            }

            if (((options >> 4) & 0x03) == 3)
            {
                MqttThrow.ProtocolError("§3.8.3.1", "a Retain Handling value of 3 is not permitted");
            }

            TopicFilter.Validate(filter, allowShared: v5);
            var subscription = new MqttSubscription(filter, (MqttQualityOfService)(options & 0x03))
            {
                NoLocal = (options & 0x04) != 0,
                RetainAsPublished = (options & 0x08) != 0,
                RetainHandling = (MqttRetainHandling)((options >> 4) & 0x03),
            };

            if (v5 && subscription.NoLocal && TopicFilter.IsShared(filter))
            {
                MqttThrow.ProtocolError("MQTT-3.8.3-4", "No Local must not be set on a shared subscription");
            }

            packet.Subscriptions.Add(subscription);
        }

        if (packet.Subscriptions.Count == 0)
        {
            MqttThrow.ProtocolError(v5 ? "MQTT-3.8.3-2" : "MQTT-3.8.3-3", "a SUBSCRIBE must contain at least one topic filter");
        }

        return packet;
    }

    private static MqttSubAckPacket DecodeSubAck(ref MqttSpanReader reader, MqttProtocolVersion version)
    {
        var packet = new MqttSubAckPacket { PacketId = ReadPacketId(ref reader, "SUBACK") };
        var v5 = version == MqttProtocolVersion.V500;
        if (v5)
        {
            (packet.ReasonString, packet.UserProperties) = ReadRequiredAckProperties(ref reader, "SUBACK");
        }

        while (!reader.End)
        {
            var code = ReadReasonCode<MqttSubAckReasonCode>(ref reader, v5 ? "MQTT-3.9.3-1" : "MQTT-3.9.3-2", "SUBACK");
            if (!v5 && code is not (MqttSubAckReasonCode.GrantedQoS0 or MqttSubAckReasonCode.GrantedQoS1
                or MqttSubAckReasonCode.GrantedQoS2 or MqttSubAckReasonCode.UnspecifiedError))
            {
                MqttThrow.ProtocolError("MQTT-3.9.3-2", $"0x{(byte)code:X2} is not an MQTT 3.1.1 SUBACK return code");
            }

            packet.ReasonCodes.Add(code);
        }

        if (packet.ReasonCodes.Count == 0)
        {
            MqttThrow.ProtocolError("MQTT-3.8.4-6", "a SUBACK must hold one reason code per topic filter");
        }

        return packet;
    }

    private static MqttUnsubscribePacket DecodeUnsubscribe(ref MqttSpanReader reader, MqttProtocolVersion version)
    {
        var packet = new MqttUnsubscribePacket { PacketId = ReadPacketId(ref reader, "UNSUBSCRIBE") };
        var v5 = version == MqttProtocolVersion.V500;
        if (v5)
        {
            var set = default(MqttPropertySet);
            MqttPropertyReader.Read(ref reader, MqttPropertyReader.UnsubscribeMask, "UNSUBSCRIBE", ref set);
            packet.UserProperties = set.TakeUserProperties();
        }

        while (!reader.End)
        {
            var filter = reader.ReadString("a Topic Filter");
            TopicFilter.Validate(filter, allowShared: v5);
            packet.TopicFilters.Add(filter);
        }

        if (packet.TopicFilters.Count == 0)
        {
            MqttThrow.ProtocolError("MQTT-3.10.3-2", "an UNSUBSCRIBE must contain at least one topic filter");
        }

        return packet;
    }

    private static MqttUnsubAckPacket DecodeUnsubAck(ref MqttSpanReader reader, MqttProtocolVersion version)
    {
        var packet = new MqttUnsubAckPacket { PacketId = ReadPacketId(ref reader, "UNSUBACK") };
        if (version == MqttProtocolVersion.V311)
        {
            return packet;
        }

        (packet.ReasonString, packet.UserProperties) = ReadRequiredAckProperties(ref reader, "UNSUBACK");
        while (!reader.End)
        {
            packet.ReasonCodes.Add(ReadReasonCode<MqttUnsubAckReasonCode>(ref reader, "MQTT-3.11.3-1", "UNSUBACK"));
        }

        if (packet.ReasonCodes.Count == 0)
        {
            MqttThrow.ProtocolError("MQTT-3.11.3-1", "an UNSUBACK must hold one reason code per topic filter");
        }

        return packet;
    }

    private static (string? ReasonString, IList<MqttUserProperty> UserProperties) ReadRequiredAckProperties(
        ref MqttSpanReader reader, string packet)
    {
        var set = default(MqttPropertySet);
        MqttPropertyReader.Read(ref reader, MqttPropertyReader.AckMask, packet, ref set);
        return (set.ReasonString, set.TakeUserProperties());
    }
}
