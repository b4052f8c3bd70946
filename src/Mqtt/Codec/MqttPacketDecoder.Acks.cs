using Visco.Mqtt.Packets;

namespace Visco.Mqtt.Codec;

internal static partial class MqttPacketDecoder
{
    private static MqttPubAckPacket DecodePubAck(ref MqttSpanReader reader, MqttProtocolVersion version)
    {
        var packet = new MqttPubAckPacket { PacketId = ReadPacketId(ref reader, "PUBACK") };
        if (version == MqttProtocolVersion.V500 && !reader.End)
        {
            packet.ReasonCode = ReadReasonCode<MqttPubAckReasonCode>(ref reader, "MQTT-3.4.2-1", "PUBACK");
            (packet.ReasonString, packet.UserProperties) = ReadAckProperties(ref reader, "PUBACK");
        }

        return packet;
    }

    private static MqttPubRecPacket DecodePubRec(ref MqttSpanReader reader, MqttProtocolVersion version)
    {
        var packet = new MqttPubRecPacket { PacketId = ReadPacketId(ref reader, "PUBREC") };
        if (version == MqttProtocolVersion.V500 && !reader.End)
        {
            packet.ReasonCode = ReadReasonCode<MqttPubRecReasonCode>(ref reader, "MQTT-3.5.2-1", "PUBREC");
            (packet.ReasonString, packet.UserProperties) = ReadAckProperties(ref reader, "PUBREC");
        }

        return packet;
    }

    private static MqttPubRelPacket DecodePubRel(ref MqttSpanReader reader, MqttProtocolVersion version)
    {
        var packet = new MqttPubRelPacket { PacketId = ReadPacketId(ref reader, "PUBREL") };
        if (version == MqttProtocolVersion.V500 && !reader.End)
        {
            packet.ReasonCode = ReadReasonCode<MqttPubRelReasonCode>(ref reader, "MQTT-3.6.2-1", "PUBREL");
            (packet.ReasonString, packet.UserProperties) = ReadAckProperties(ref reader, "PUBREL");
        }

        return packet;
    }

    private static MqttPubCompPacket DecodePubComp(ref MqttSpanReader reader, MqttProtocolVersion version)
    {
        var packet = new MqttPubCompPacket { PacketId = ReadPacketId(ref reader, "PUBCOMP") };
        if (version == MqttProtocolVersion.V500 && !reader.End)
        {
            packet.ReasonCode = ReadReasonCode<MqttPubCompReasonCode>(ref reader, "MQTT-3.7.2-1", "PUBCOMP");
            (packet.ReasonString, packet.UserProperties) = ReadAckProperties(ref reader, "PUBCOMP");
        }

        return packet;
    }

    /// <summary>The property block of an acknowledgement may be omitted entirely when it would be empty (§3.4.2.2).</summary>
    private static (string? ReasonString, IList<MqttUserProperty> UserProperties) ReadAckProperties(
        ref MqttSpanReader reader, string packet)
    {
        if (reader.End)
        {
            return (null, []);
        }

        var set = default(MqttPropertySet);
        MqttPropertyReader.Read(ref reader, MqttPropertyReader.AckMask, packet, ref set);
        return (set.ReasonString, set.TakeUserProperties());
    }
}
