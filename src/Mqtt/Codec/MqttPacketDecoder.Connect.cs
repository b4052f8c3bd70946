using Visco.Mqtt.Packets;
using Visco.Mqtt.Topics;

namespace Visco.Mqtt.Codec;

internal static partial class MqttPacketDecoder
{
    public static MqttConnectPacket DecodeConnect(ref MqttSpanReader reader)
    {
        var name = reader.ReadLengthPrefixed();
        if (!name.SequenceEqual("MQTT"u8))
        {
            MqttThrow.ConnectViolation("MQTT-3.1.2-1", MqttConnectReasonCode.UnsupportedProtocolVersion,
                "the protocol name must be \"MQTT\"");
        }

        var level = reader.ReadByte();
        if (level is not ((byte)MqttProtocolVersion.V311 or (byte)MqttProtocolVersion.V500))
        {
            MqttThrow.ConnectViolation("MQTT-3.1.2-2", MqttConnectReasonCode.UnsupportedProtocolVersion,
                $"protocol level {level} is not supported (4 = 3.1.1, 5 = 5.0)");
        }

        var version = (MqttProtocolVersion)level;
        var flags = reader.ReadByte();
        if ((flags & 0x01) != 0)
        {
            MqttThrow.Malformed("MQTT-3.1.2-3", "the reserved flag of CONNECT must be 0");
        }

        var willFlag = (flags & 0x04) != 0;
        var willQoS = (flags >> 3) & 0x03;
        var willRetain = (flags & 0x20) != 0;
        var passwordFlag = (flags & 0x40) != 0;
        var userNameFlag = (flags & 0x80) != 0;
        if (willQoS == 3)
        {
            MqttThrow.Malformed("MQTT-3.1.2-12", "the Will QoS must not be 3");
        }

        if (!willFlag && willQoS != 0)
        {
            MqttThrow.Malformed("MQTT-3.1.2-11", "the Will QoS must be 0 when the Will flag is 0");
        }

        if (!willFlag && willRetain)
        {
            MqttThrow.Malformed("MQTT-3.1.2-13", "Will Retain must be 0 when the Will flag is 0");
        }

        if (version == MqttProtocolVersion.V311 && passwordFlag && !userNameFlag)
        {
            MqttThrow.Malformed("MQTT-3.1.2-22", "in MQTT 3.1.1 the Password flag needs the User Name flag");
        }

        var packet = new MqttConnectPacket
        {
            ProtocolVersion = version,
            CleanStart = (flags & 0x02) != 0,
            KeepAliveSeconds = reader.ReadUInt16(),
        };

        if (version == MqttProtocolVersion.V500)
        {
            var set = default(MqttPropertySet);
            MqttPropertyReader.Read(ref reader, MqttPropertyReader.ConnectMask, "CONNECT", ref set);
            packet.SessionExpiryInterval = set.SessionExpiryInterval ?? 0;
            packet.ReceiveMaximum = set.ReceiveMaximum ?? ushort.MaxValue;
            packet.MaximumPacketSize = set.MaximumPacketSize;
            packet.TopicAliasMaximum = set.TopicAliasMaximum ?? 0;
            packet.RequestResponseInformation = set.RequestResponseInformation == 1;
            packet.RequestProblemInformation = set.RequestProblemInformation != 0;
            packet.AuthenticationMethod = set.AuthenticationMethod;
            packet.AuthenticationData = set.AuthenticationData;
            packet.UserProperties = set.TakeUserProperties();
        }

        packet.ClientId = reader.ReadString("the Client Identifier");
        if (version == MqttProtocolVersion.V311 && packet.ClientId.Length == 0 && !packet.CleanStart)
        {
            MqttThrow.ConnectViolation("MQTT-3.1.3-8", MqttConnectReasonCode.ClientIdentifierNotValid,
                "a zero-byte Client Identifier needs Clean Session set to 1");
        }

        if (willFlag)
        {
            packet.Will = DecodeWill(ref reader, version, (MqttQualityOfService)willQoS, willRetain);
        }

        if (userNameFlag)
        {
            packet.UserName = reader.ReadString("the User Name");
        }

        if (passwordFlag)
        {
            packet.Password = reader.ReadBinary();
        }

        return packet;
    }

    private static MqttWillMessage DecodeWill(
        ref MqttSpanReader reader, MqttProtocolVersion version, MqttQualityOfService qos, bool retain)
    {
        var will = new MqttWillMessage { QualityOfService = qos, Retain = retain };
        if (version == MqttProtocolVersion.V500)
        {
            var set = default(MqttPropertySet);
            MqttPropertyReader.Read(ref reader, MqttPropertyReader.WillMask, "Will Properties", ref set);
            will.DelayInterval = set.WillDelayInterval ?? 0;
            will.PayloadFormatIndicator = (MqttPayloadFormatIndicator)(set.PayloadFormatIndicator ?? 0);
            will.MessageExpiryInterval = set.MessageExpiryInterval;
            will.ContentType = set.ContentType;
            will.ResponseTopic = set.ResponseTopic;
            will.CorrelationData = set.CorrelationData;
            will.UserProperties = set.TakeUserProperties();
        }

        will.Topic = reader.ReadString("the Will Topic");
        TopicName.Validate(will.Topic);
        will.Payload = reader.ReadLengthPrefixed().ToArray();
        return will;
    }

    private static MqttConnAckPacket DecodeConnAck(ref MqttSpanReader reader, MqttProtocolVersion version)
    {
        var flags = reader.ReadByte();
        if ((flags & 0xFE) != 0)
        {
            MqttThrow.Malformed("MQTT-3.2.2-1", "bits 7-1 of the Connect Acknowledge Flags are reserved and must be 0");
        }

        var packet = new MqttConnAckPacket { SessionPresent = (flags & 0x01) != 0 };
        var code = reader.ReadByte();
        if (version == MqttProtocolVersion.V311)
        {
            if (code > (byte)MqttConnectReturnCode.NotAuthorized)
            {
                MqttThrow.ProtocolError("§3.2.2.3", $"0x{code:X2} is not an MQTT 3.1.1 connect return code");
            }

            packet.ReasonCode = MqttConnectReasonCodeMapping.ToReasonCode((MqttConnectReturnCode)code);
            return packet;
        }

        packet.ReasonCode = (MqttConnectReasonCode)code;
        if (!Enum.IsDefined(packet.ReasonCode))
        {
            MqttThrow.ProtocolError("MQTT-3.2.2-8", $"0x{code:X2} is not a CONNACK reason code");
        }

        if (packet.SessionPresent && packet.ReasonCode != MqttConnectReasonCode.Success)
        {
            MqttThrow.ProtocolError("MQTT-3.2.2-6", "Session Present must be 0 when the reason code is not success");
        }

        var set = default(MqttPropertySet);
        MqttPropertyReader.Read(ref reader, MqttPropertyReader.ConnAckMask, "CONNACK", ref set);
        packet.SessionExpiryInterval = set.SessionExpiryInterval;
        packet.ReceiveMaximum = set.ReceiveMaximum ?? ushort.MaxValue;
        packet.MaximumQoS = (MqttQualityOfService)(set.MaximumQoS ?? 2);
        packet.RetainAvailable = set.RetainAvailable != 0;
        packet.MaximumPacketSize = set.MaximumPacketSize;
        packet.AssignedClientIdentifier = set.AssignedClientIdentifier;
        packet.TopicAliasMaximum = set.TopicAliasMaximum ?? 0;
        packet.ReasonString = set.ReasonString;
        packet.UserProperties = set.TakeUserProperties();
        packet.WildcardSubscriptionAvailable = set.WildcardSubscriptionAvailable != 0;
        packet.SubscriptionIdentifiersAvailable = set.SubscriptionIdentifierAvailable != 0;
        packet.SharedSubscriptionAvailable = set.SharedSubscriptionAvailable != 0;
        packet.ServerKeepAlive = set.ServerKeepAlive;
        packet.ResponseInformation = set.ResponseInformation;
        packet.ServerReference = set.ServerReference;
        packet.AuthenticationMethod = set.AuthenticationMethod;
        packet.AuthenticationData = set.AuthenticationData;
        return packet;
    }
}
