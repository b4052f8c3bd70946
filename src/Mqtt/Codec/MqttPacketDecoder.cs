using System.Runtime.CompilerServices;

using Visco.Mqtt.Packets;

namespace Visco.Mqtt.Codec;

/// <summary>
/// Turns one complete packet body into a packet object. Bodies arrive whole (the reader waits for the full remaining
/// length), so decoding is synchronous and never needs more data; running short is a Malformed Packet.
/// </summary>
internal static partial class MqttPacketDecoder
{
    /// <summary>
    /// Checks what the fixed header alone can show, before the body is awaited or anything is allocated.
    /// </summary>
    public static void ValidateFixedHeader(byte first, uint remainingLength, MqttProtocolVersion version)
    {
        var type = (MqttPacketType)(first >> 4);
        var flags = first & 0x0F;
        switch (type)
        {
            case 0:
                MqttThrow.Malformed("§2.1.2", "packet type 0 is reserved");
                break;
            case MqttPacketType.Auth when version == MqttProtocolVersion.V311:
                MqttThrow.Malformed("§2.2.1", "packet type 15 is reserved in MQTT 3.1.1");
                break;
            case MqttPacketType.Publish:
                var qos = (flags >> 1) & 0x03;
                if (qos == 3)
                {
                    MqttThrow.Malformed("MQTT-3.3.1-4", "a PUBLISH must not have both QoS bits set");
                }

                if (qos == 0 && (flags & 0x08) != 0)
                {
                    MqttThrow.Malformed("MQTT-3.3.1-2", "the DUP flag must be 0 for QoS 0 messages");
                }

                break;
            case MqttPacketType.PubRel:
                RequireFlags(flags, 0x02, "MQTT-3.6.1-1", "PUBREL");
                break;
            case MqttPacketType.Subscribe:
                RequireFlags(flags, 0x02, "MQTT-3.8.1-1", "SUBSCRIBE");
                break;
            case MqttPacketType.Unsubscribe:
                RequireFlags(flags, 0x02, "MQTT-3.10.1-1", "UNSUBSCRIBE");
                break;
            default:
                RequireFlags(flags, 0x00, "MQTT-2.1.3-1", type.ToString().ToUpperInvariant());
                break;
        }

        var fixedLength = FixedRemainingLength(type, version);
        if (fixedLength >= 0 && remainingLength != fixedLength)
        {
            MqttThrow.Malformed("§2.1.4", $"{type.ToString().ToUpperInvariant()} must have a remaining length of {fixedLength}, not {remainingLength}");
        }
    }

    public static MqttPacket Decode(
        byte first, ReadOnlySpan<byte> body, byte[]? ownedBody, MqttProtocolVersion version)
    {
        var reader = new MqttSpanReader(body);
        var flags = (byte)(first & 0x0F);
        MqttPacket packet = (MqttPacketType)(first >> 4) switch
        {
            MqttPacketType.Connect => DecodeConnect(ref reader),
            MqttPacketType.ConnAck => DecodeConnAck(ref reader, version),
            MqttPacketType.Publish => DecodePublish(ref reader, flags, ownedBody, version),
            MqttPacketType.PubAck => DecodePubAck(ref reader, version),
            MqttPacketType.PubRec => DecodePubRec(ref reader, version),
            MqttPacketType.PubRel => DecodePubRel(ref reader, version),
            MqttPacketType.PubComp => DecodePubComp(ref reader, version),
            MqttPacketType.Subscribe => DecodeSubscribe(ref reader, version),
            MqttPacketType.SubAck => DecodeSubAck(ref reader, version),
            MqttPacketType.Unsubscribe => DecodeUnsubscribe(ref reader, version),
            MqttPacketType.UnsubAck => DecodeUnsubAck(ref reader, version),
            MqttPacketType.PingReq => MqttPingReqPacket.Instance,
            MqttPacketType.PingResp => MqttPingRespPacket.Instance,
            MqttPacketType.Disconnect => DecodeDisconnect(ref reader, version),
            _ => DecodeAuth(ref reader),
        };

        if (!reader.End)
        {
            MqttThrow.Malformed("§2.1.4", $"{reader.Remaining} bytes follow the last field of {packet.PacketType.ToString().ToUpperInvariant()}");
        }

        return packet;
    }

    private static void RequireFlags(int flags, int expected, string rule, string packet)
    {
        if (flags != expected)
        {
            MqttThrow.Malformed(rule, $"the reserved flags of {packet} must be 0x{expected:X}, not 0x{flags:X}");
        }
    }

    private static long FixedRemainingLength(MqttPacketType type, MqttProtocolVersion version) => type switch
    {
        MqttPacketType.PingReq or MqttPacketType.PingResp => 0,
        MqttPacketType.Disconnect when version == MqttProtocolVersion.V311 => 0,
        MqttPacketType.ConnAck or MqttPacketType.PubAck or MqttPacketType.PubRec or MqttPacketType.PubRel
            or MqttPacketType.PubComp or MqttPacketType.UnsubAck when version == MqttProtocolVersion.V311 => 2,
        _ => -1,
    };

    private static ushort ReadPacketId(ref MqttSpanReader reader, string packet)
    {
        var id = reader.ReadUInt16();
        if (id == 0)
        {
            MqttThrow.ProtocolError("MQTT-2.2.1-3", $"{packet} must carry a non-zero Packet Identifier");
        }

        return id;
    }

    private static T ReadReasonCode<T>(ref MqttSpanReader reader, string rule, string packet)
        where T : struct, Enum
    {
        var raw = reader.ReadByte();
        // Every reason-code enum is byte-backed, so the reinterpretation is exact and does not box.
        var code = Unsafe.As<byte, T>(ref raw);
        if (!Enum.IsDefined(code))
        {
            MqttThrow.ProtocolError(rule, $"0x{raw:X2} is not a {packet} reason code");
        }

        return code;
    }
}
