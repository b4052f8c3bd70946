using Visco.Mqtt.Packets;

namespace Visco.Mqtt.Codec;

/// <summary>
/// Writes packet bodies (everything after the fixed header). Each method runs twice per packet: counting, to learn the
/// remaining length, then writing. Property blocks are counted once more for their own length prefix.
/// </summary>
internal static partial class MqttPacketEncoder
{
    public static byte FixedHeaderByte(MqttPacket packet) => packet switch
    {
        MqttPublishPacket p => (byte)(0x30 | (p.Dup ? 0x08 : 0) | ((int)p.QualityOfService << 1) | (p.Retain ? 0x01 : 0)),
        MqttPubRelPacket or MqttSubscribePacket or MqttUnsubscribePacket => (byte)(((int)packet.PacketType << 4) | 0x02),
        _ => (byte)((int)packet.PacketType << 4),
    };

    public static void WriteBody(ref MqttWriter writer, MqttPacket packet, MqttProtocolVersion version)
    {
        switch (packet)
        {
            case MqttConnectPacket connect:
                WriteConnect(ref writer, connect);
                break;
            case MqttConnAckPacket connAck:
                WriteConnAck(ref writer, connAck, version);
                break;
            case MqttPublishPacket publish:
                WritePublish(ref writer, publish, version);
                break;
            case MqttPubAckPacket ack:
                WriteAck(ref writer, ack.PacketId, (byte)ack.ReasonCode, ack.ReasonString, ack.UserProperties, version);
                break;
            case MqttPubRecPacket ack:
                WriteAck(ref writer, ack.PacketId, (byte)ack.ReasonCode, ack.ReasonString, ack.UserProperties, version);
                break;
            case MqttPubRelPacket ack:
                WriteAck(ref writer, ack.PacketId, (byte)ack.ReasonCode, ack.ReasonString, ack.UserProperties, version);
                break;
            case MqttPubCompPacket ack:
                WriteAck(ref writer, ack.PacketId, (byte)ack.ReasonCode, ack.ReasonString, ack.UserProperties, version);
                break;
            case MqttSubscribePacket subscribe:
                WriteSubscribe(ref writer, subscribe, version);
                break;
            case MqttSubAckPacket subAck:
                WriteSubAck(ref writer, subAck, version);
                break;
            case MqttUnsubscribePacket unsubscribe:
                WriteUnsubscribe(ref writer, unsubscribe, version);
                break;
            case MqttUnsubAckPacket unsubAck:
                WriteUnsubAck(ref writer, unsubAck, version);
                break;
            case MqttPingReqPacket or MqttPingRespPacket:
                break;
            case MqttDisconnectPacket disconnect:
                WriteDisconnect(ref writer, disconnect, version);
                break;
            case MqttAuthPacket auth:
                WriteAuth(ref writer, auth, version);
                break;
            default:
                throw new ArgumentException($"{packet.GetType().Name} is not an MQTT packet this codec writes", nameof(packet));
        }
    }

    private static void RequirePacketId(ushort packetId, string packet)
    {
        if (packetId == 0)
        {
            MqttThrow.ProtocolError("MQTT-2.2.1-3", $"{packet} needs a non-zero Packet Identifier");
        }
    }

    private static void WriteUserPropertiesBlock(ref MqttWriter writer, IList<MqttUserProperty> properties)
    {
        var counter = MqttWriter.CreateCounter();
        counter.WriteUserProperties(properties);
        writer.WriteVariableByteInteger((uint)counter.Written);
        writer.WriteUserProperties(properties);
    }

    private static void WriteReasonProperties(ref MqttWriter writer, string? reasonString, IList<MqttUserProperty> properties)
    {
        var counter = MqttWriter.CreateCounter();
        counter.WriteStringProperty(MqttPropertyId.ReasonString, reasonString);
        counter.WriteUserProperties(properties);
        writer.WriteVariableByteInteger((uint)counter.Written);
        writer.WriteStringProperty(MqttPropertyId.ReasonString, reasonString);
        writer.WriteUserProperties(properties);
    }

    /// <summary>PUBACK, PUBREC, PUBREL and PUBCOMP in their shortest MQTT 5 form (§3.4.2.1: code and properties may be omitted).</summary>
    private static void WriteAck(
        ref MqttWriter writer, ushort packetId, byte reasonCode, string? reasonString,
        IList<MqttUserProperty> properties, MqttProtocolVersion version)
    {
        RequirePacketId(packetId, "an acknowledgement");
        writer.WriteUInt16(packetId);
        if (version == MqttProtocolVersion.V311)
        {
            return;
        }

        var hasProperties = reasonString is not null || properties.Count > 0;
        if (reasonCode == 0 && !hasProperties)
        {
            return;
        }

        writer.WriteByte(reasonCode);
        if (hasProperties)
        {
            WriteReasonProperties(ref writer, reasonString, properties);
        }
    }
}
