using Visco.Mqtt.Packets;

namespace Visco.Mqtt.Codec;

internal static partial class MqttPacketEncoder
{
    private static void WriteDisconnect(ref MqttWriter writer, MqttDisconnectPacket packet, MqttProtocolVersion version)
    {
        if (version == MqttProtocolVersion.V311)
        {
            return;
        }

        var hasProperties = packet.SessionExpiryInterval is not null || packet.ReasonString is not null
            || packet.ServerReference is not null || packet.UserProperties.Count > 0;
        if (packet.ReasonCode == MqttDisconnectReasonCode.NormalDisconnection && !hasProperties)
        {
            return;
        }

        writer.WriteByte((byte)packet.ReasonCode);
        if (hasProperties)
        {
            var counter = MqttWriter.CreateCounter();
            WriteDisconnectProperties(ref counter, packet);
            writer.WriteVariableByteInteger((uint)counter.Written);
            WriteDisconnectProperties(ref writer, packet);
        }
    }

    private static void WriteDisconnectProperties(ref MqttWriter writer, MqttDisconnectPacket packet)
    {
        writer.WriteUInt32Property(MqttPropertyId.SessionExpiryInterval, packet.SessionExpiryInterval);
        writer.WriteStringProperty(MqttPropertyId.ReasonString, packet.ReasonString);
        writer.WriteStringProperty(MqttPropertyId.ServerReference, packet.ServerReference);
        writer.WriteUserProperties(packet.UserProperties);
    }

    private static void WriteAuth(ref MqttWriter writer, MqttAuthPacket packet, MqttProtocolVersion version)
    {
        if (version == MqttProtocolVersion.V311)
        {
            MqttThrow.ProtocolError("§2.2.1", "MQTT 3.1.1 has no AUTH packet");
        }

        var hasProperties = packet.AuthenticationMethod is not null || packet.AuthenticationData is not null
            || packet.ReasonString is not null || packet.UserProperties.Count > 0;
        if (packet.ReasonCode == MqttAuthReasonCode.Success && !hasProperties)
        {
            return;
        }

        writer.WriteByte((byte)packet.ReasonCode);
        var counter = MqttWriter.CreateCounter();
        WriteAuthProperties(ref counter, packet);
        writer.WriteVariableByteInteger((uint)counter.Written);
        WriteAuthProperties(ref writer, packet);
    }

    private static void WriteAuthProperties(ref MqttWriter writer, MqttAuthPacket packet)
    {
        writer.WriteStringProperty(MqttPropertyId.AuthenticationMethod, packet.AuthenticationMethod);
        writer.WriteBinaryProperty(MqttPropertyId.AuthenticationData, packet.AuthenticationData);
        writer.WriteStringProperty(MqttPropertyId.ReasonString, packet.ReasonString);
        writer.WriteUserProperties(packet.UserProperties);
    }
}
