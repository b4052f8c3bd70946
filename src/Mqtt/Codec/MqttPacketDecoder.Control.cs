using Visco.Mqtt.Packets;

namespace Visco.Mqtt.Codec;

internal static partial class MqttPacketDecoder
{
    private static MqttDisconnectPacket DecodeDisconnect(ref MqttSpanReader reader, MqttProtocolVersion version)
    {
        var packet = new MqttDisconnectPacket();
        if (version == MqttProtocolVersion.V311 || reader.End)
        {
            return packet;
        }

        packet.ReasonCode = ReadReasonCode<MqttDisconnectReasonCode>(ref reader, "MQTT-3.14.2-1", "DISCONNECT");
        if (!reader.End)
        {
            var set = default(MqttPropertySet);
            MqttPropertyReader.Read(ref reader, MqttPropertyReader.DisconnectMask, "DISCONNECT", ref set);
            packet.SessionExpiryInterval = set.SessionExpiryInterval;
            packet.ReasonString = set.ReasonString;
            packet.ServerReference = set.ServerReference;
            packet.UserProperties = set.TakeUserProperties();
        }

        return packet;
    }

    private static MqttAuthPacket DecodeAuth(ref MqttSpanReader reader)
    {
        var packet = new MqttAuthPacket();
        if (reader.End)
        {
            return packet;
        }

        packet.ReasonCode = ReadReasonCode<MqttAuthReasonCode>(ref reader, "MQTT-3.15.2-1", "AUTH");
        if (!reader.End)
        {
            var set = default(MqttPropertySet);
            MqttPropertyReader.Read(ref reader, MqttPropertyReader.AuthMask, "AUTH", ref set);
            packet.AuthenticationMethod = set.AuthenticationMethod;
            packet.AuthenticationData = set.AuthenticationData;
            packet.ReasonString = set.ReasonString;
            packet.UserProperties = set.TakeUserProperties();
        }

        if (packet.ReasonCode != MqttAuthReasonCode.Success && packet.AuthenticationMethod is null)
        {
            MqttThrow.ProtocolError("§3.15.2.2.2", "an AUTH that continues authentication must name its Authentication Method");
        }

        return packet;
    }
}
