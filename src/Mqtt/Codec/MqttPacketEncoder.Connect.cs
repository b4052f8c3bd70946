using Visco.Mqtt.Packets;
using Visco.Mqtt.Topics;

namespace Visco.Mqtt.Codec;

internal static partial class MqttPacketEncoder
{
    private static void WriteConnect(ref MqttWriter writer, MqttConnectPacket packet)
    {
        var v5 = packet.ProtocolVersion == MqttProtocolVersion.V500;
        if (!v5 && packet.Password is not null && packet.UserName is null)
        {
            MqttThrow.Malformed("MQTT-3.1.2-22", "in MQTT 3.1.1 a password needs a user name");
        }

        var will = packet.Will;
        if (will is not null)
        {
            TopicName.Validate(will.Topic);
            if ((int)will.QualityOfService > 2)
            {
                MqttThrow.Malformed("MQTT-3.1.2-12", "the Will QoS must not be 3");
            }
        }

        writer.WriteString("MQTT", "protocol name");
        writer.WriteByte((byte)packet.ProtocolVersion);
        var flags = (packet.CleanStart ? 0x02 : 0)
            | (will is null ? 0 : 0x04 | ((int)will.QualityOfService << 3) | (will.Retain ? 0x20 : 0))
            | (packet.Password is null ? 0 : 0x40)
            | (packet.UserName is null ? 0 : 0x80);
        writer.WriteByte((byte)flags);
        writer.WriteUInt16(packet.KeepAliveSeconds);
        if (v5)
        {
            var counter = MqttWriter.CreateCounter();
            WriteConnectProperties(ref counter, packet);
            writer.WriteVariableByteInteger((uint)counter.Written);
            WriteConnectProperties(ref writer, packet);
        }

        writer.WriteString(packet.ClientId, "Client Identifier");
        if (will is not null)
        {
            if (v5)
            {
                var counter = MqttWriter.CreateCounter();
                WriteWillProperties(ref counter, will);
                writer.WriteVariableByteInteger((uint)counter.Written);
                WriteWillProperties(ref writer, will);
            }

            writer.WriteString(will.Topic, "Will Topic");
            writer.WriteBinary(will.Payload.Span, "Will Payload");
        }

        if (packet.UserName is not null)
        {
            writer.WriteString(packet.UserName, "User Name");
        }

        if (packet.Password is not null)
        {
            writer.WriteBinary(packet.Password, "Password");
        }
    }

    private static void WriteConnectProperties(ref MqttWriter writer, MqttConnectPacket packet)
    {
        writer.WriteUInt32Property(MqttPropertyId.SessionExpiryInterval, packet.SessionExpiryInterval == 0 ? null : packet.SessionExpiryInterval);
        writer.WriteUInt16Property(MqttPropertyId.ReceiveMaximum, packet.ReceiveMaximum == ushort.MaxValue ? null : NonZero(packet.ReceiveMaximum, "Receive Maximum"));
        writer.WriteUInt32Property(MqttPropertyId.MaximumPacketSize, packet.MaximumPacketSize is { } max ? NonZero(max, "Maximum Packet Size") : null);
        writer.WriteUInt16Property(MqttPropertyId.TopicAliasMaximum, packet.TopicAliasMaximum == 0 ? null : packet.TopicAliasMaximum);
        writer.WriteByteProperty(MqttPropertyId.RequestResponseInformation, packet.RequestResponseInformation ? (byte)1 : null);
        writer.WriteByteProperty(MqttPropertyId.RequestProblemInformation, packet.RequestProblemInformation ? null : (byte)0);
        writer.WriteStringProperty(MqttPropertyId.AuthenticationMethod, packet.AuthenticationMethod);
        writer.WriteBinaryProperty(MqttPropertyId.AuthenticationData, packet.AuthenticationData);
        writer.WriteUserProperties(packet.UserProperties);
    }

    private static void WriteWillProperties(ref MqttWriter writer, MqttWillMessage will)
    {
        writer.WriteUInt32Property(MqttPropertyId.WillDelayInterval, will.DelayInterval == 0 ? null : will.DelayInterval);
        writer.WriteByteProperty(MqttPropertyId.PayloadFormatIndicator, will.PayloadFormatIndicator == 0 ? null : (byte)will.PayloadFormatIndicator);
        writer.WriteUInt32Property(MqttPropertyId.MessageExpiryInterval, will.MessageExpiryInterval);
        writer.WriteStringProperty(MqttPropertyId.ContentType, will.ContentType);
        writer.WriteStringProperty(MqttPropertyId.ResponseTopic, will.ResponseTopic);
        writer.WriteBinaryProperty(MqttPropertyId.CorrelationData, will.CorrelationData);
        writer.WriteUserProperties(will.UserProperties);
    }

    private static void WriteConnAck(ref MqttWriter writer, MqttConnAckPacket packet, MqttProtocolVersion version)
    {
        var sessionPresent = packet.SessionPresent && packet.ReasonCode == MqttConnectReasonCode.Success;
        writer.WriteByte(sessionPresent ? (byte)1 : (byte)0);
        if (version == MqttProtocolVersion.V311)
        {
            writer.WriteByte((byte)MqttConnectReasonCodeMapping.ToReturnCode(packet.ReasonCode));
            return;
        }

        writer.WriteByte((byte)packet.ReasonCode);
        var counter = MqttWriter.CreateCounter();
        WriteConnAckProperties(ref counter, packet);
        writer.WriteVariableByteInteger((uint)counter.Written);
        WriteConnAckProperties(ref writer, packet);
    }

    private static void WriteConnAckProperties(ref MqttWriter writer, MqttConnAckPacket packet)
    {
        writer.WriteUInt32Property(MqttPropertyId.SessionExpiryInterval, packet.SessionExpiryInterval);
        writer.WriteUInt16Property(MqttPropertyId.ReceiveMaximum, packet.ReceiveMaximum == ushort.MaxValue ? null : NonZero(packet.ReceiveMaximum, "Receive Maximum"));
        writer.WriteByteProperty(MqttPropertyId.MaximumQoS, packet.MaximumQoS == MqttQualityOfService.ExactlyOnce ? null : (byte)packet.MaximumQoS);
        writer.WriteByteProperty(MqttPropertyId.RetainAvailable, packet.RetainAvailable ? null : (byte)0);
        writer.WriteUInt32Property(MqttPropertyId.MaximumPacketSize, packet.MaximumPacketSize is { } max ? NonZero(max, "Maximum Packet Size") : null);
        writer.WriteStringProperty(MqttPropertyId.AssignedClientIdentifier, packet.AssignedClientIdentifier);
        writer.WriteUInt16Property(MqttPropertyId.TopicAliasMaximum, packet.TopicAliasMaximum == 0 ? null : packet.TopicAliasMaximum);
        writer.WriteStringProperty(MqttPropertyId.ReasonString, packet.ReasonString);
        writer.WriteUserProperties(packet.UserProperties);
        writer.WriteByteProperty(MqttPropertyId.WildcardSubscriptionAvailable, packet.WildcardSubscriptionAvailable ? null : (byte)0);
        writer.WriteByteProperty(MqttPropertyId.SubscriptionIdentifierAvailable, packet.SubscriptionIdentifiersAvailable ? null : (byte)0);
        writer.WriteByteProperty(MqttPropertyId.SharedSubscriptionAvailable, packet.SharedSubscriptionAvailable ? null : (byte)0);
        writer.WriteUInt16Property(MqttPropertyId.ServerKeepAlive, packet.ServerKeepAlive);
        writer.WriteStringProperty(MqttPropertyId.ResponseInformation, packet.ResponseInformation);
        writer.WriteStringProperty(MqttPropertyId.ServerReference, packet.ServerReference);
        writer.WriteStringProperty(MqttPropertyId.AuthenticationMethod, packet.AuthenticationMethod);
        writer.WriteBinaryProperty(MqttPropertyId.AuthenticationData, packet.AuthenticationData);
    }

    private static T NonZero<T>(T value, string name)
        where T : struct, System.Numerics.INumber<T>
    {
        if (T.IsZero(value))
        {
            MqttThrow.ProtocolError("§3.1.2.11", $"{name} must not be 0");
        }

        return value;
    }
}
