using System.Diagnostics.CodeAnalysis;

using Visco.Mqtt.Packets;

namespace Visco.Mqtt.Codec;

/// <summary>Throw helpers kept out of line so the hot decode paths stay small and inlinable.</summary>
internal static class MqttThrow
{
    [DoesNotReturn]
    public static void Malformed(string rule, string reason) =>
        throw new MqttProtocolViolationException(rule, MqttDisconnectReasonCode.MalformedPacket, reason);

    [DoesNotReturn]
    public static void ProtocolError(string rule, string reason) =>
        throw new MqttProtocolViolationException(rule, MqttDisconnectReasonCode.ProtocolError, reason);

    [DoesNotReturn]
    public static void Violation(string rule, MqttDisconnectReasonCode code, string reason) =>
        throw new MqttProtocolViolationException(rule, code, reason);

    [DoesNotReturn]
    public static void ConnectViolation(string rule, MqttConnectReasonCode code, string reason) =>
        throw new MqttProtocolViolationException(rule, code, reason);

    [DoesNotReturn]
    public static void Truncated() =>
        Malformed("§2.1.4", "the packet ends before its fields do: remaining length too short");

    [DoesNotReturn]
    public static void PacketTooLarge(long size, long maximum) =>
        Violation("MQTT-3.2.2-15", MqttDisconnectReasonCode.PacketTooLarge,
            $"packet of {size} bytes exceeds the maximum packet size of {maximum} bytes (client to server [MQTT-3.2.2-15], server to client [MQTT-3.1.2-24])");
}
