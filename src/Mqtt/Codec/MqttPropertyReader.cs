using Visco.Mqtt.Packets;

namespace Visco.Mqtt.Codec;

/// <summary>Reads an MQTT 5 property block (§2.2.2) with the rules every packet shares.</summary>
internal static class MqttPropertyReader
{
    private const ulong Ack = 1UL << (int)MqttPropertyId.ReasonString | 1UL << (int)MqttPropertyId.UserProperty;

    public const ulong ConnectMask = 1UL << (int)MqttPropertyId.SessionExpiryInterval
        | 1UL << (int)MqttPropertyId.AuthenticationMethod | 1UL << (int)MqttPropertyId.AuthenticationData
        | 1UL << (int)MqttPropertyId.RequestProblemInformation | 1UL << (int)MqttPropertyId.RequestResponseInformation
        | 1UL << (int)MqttPropertyId.ReceiveMaximum | 1UL << (int)MqttPropertyId.TopicAliasMaximum
        | 1UL << (int)MqttPropertyId.UserProperty | 1UL << (int)MqttPropertyId.MaximumPacketSize;

    public const ulong WillMask = 1UL << (int)MqttPropertyId.PayloadFormatIndicator
        | 1UL << (int)MqttPropertyId.MessageExpiryInterval | 1UL << (int)MqttPropertyId.ContentType
        | 1UL << (int)MqttPropertyId.ResponseTopic | 1UL << (int)MqttPropertyId.CorrelationData
        | 1UL << (int)MqttPropertyId.WillDelayInterval | 1UL << (int)MqttPropertyId.UserProperty;

    public const ulong ConnAckMask = 1UL << (int)MqttPropertyId.SessionExpiryInterval
        | 1UL << (int)MqttPropertyId.AssignedClientIdentifier | 1UL << (int)MqttPropertyId.ServerKeepAlive
        | 1UL << (int)MqttPropertyId.AuthenticationMethod | 1UL << (int)MqttPropertyId.AuthenticationData
        | 1UL << (int)MqttPropertyId.ResponseInformation | 1UL << (int)MqttPropertyId.ServerReference
        | 1UL << (int)MqttPropertyId.ReceiveMaximum | 1UL << (int)MqttPropertyId.TopicAliasMaximum
        | 1UL << (int)MqttPropertyId.MaximumQoS | 1UL << (int)MqttPropertyId.RetainAvailable
        | 1UL << (int)MqttPropertyId.MaximumPacketSize | 1UL << (int)MqttPropertyId.WildcardSubscriptionAvailable
        | 1UL << (int)MqttPropertyId.SubscriptionIdentifierAvailable
        | 1UL << (int)MqttPropertyId.SharedSubscriptionAvailable | Ack;

    public const ulong PublishMask = 1UL << (int)MqttPropertyId.PayloadFormatIndicator
        | 1UL << (int)MqttPropertyId.MessageExpiryInterval | 1UL << (int)MqttPropertyId.ContentType
        | 1UL << (int)MqttPropertyId.ResponseTopic | 1UL << (int)MqttPropertyId.CorrelationData
        | 1UL << (int)MqttPropertyId.SubscriptionIdentifier | 1UL << (int)MqttPropertyId.TopicAlias
        | 1UL << (int)MqttPropertyId.UserProperty;

    public const ulong AckMask = Ack;

    public const ulong SubscribeMask = 1UL << (int)MqttPropertyId.SubscriptionIdentifier
        | 1UL << (int)MqttPropertyId.UserProperty;

    public const ulong UnsubscribeMask = 1UL << (int)MqttPropertyId.UserProperty;

    public const ulong DisconnectMask = 1UL << (int)MqttPropertyId.SessionExpiryInterval
        | 1UL << (int)MqttPropertyId.ServerReference | Ack;

    public const ulong AuthMask = 1UL << (int)MqttPropertyId.AuthenticationMethod
        | 1UL << (int)MqttPropertyId.AuthenticationData | Ack;

    /// <summary>
    /// Reads the property length and the properties it covers. <paramref name="allowed"/> is the packet's set of
    /// property identifiers. User properties may always repeat; subscription identifiers only in PUBLISH (§3.3.2.3.8).
    /// </summary>
    public static void Read(ref MqttSpanReader reader, ulong allowed, string packet, ref MqttPropertySet set) =>
        Read(ref reader, allowed, packet, repeatSubscriptionIdentifier: false, ref set);

    /// <inheritdoc cref="Read(ref MqttSpanReader, ulong, string, ref MqttPropertySet)"/>
    public static void Read(
        ref MqttSpanReader reader, ulong allowed, string packet, bool repeatSubscriptionIdentifier, ref MqttPropertySet set)
    {
        var length = reader.ReadVariableByteInteger();
        if (length > (uint)reader.Remaining)
        {
            MqttThrow.Malformed("§2.2.2.1", $"{packet} property length {length} runs past the end of the packet");
        }

        var block = reader.Slice((int)length);
        var seen = 0UL;
        while (!block.End)
        {
            var raw = block.ReadVariableByteInteger();
            if (raw > 63 || (allowed & (1UL << (int)raw)) == 0)
            {
                MqttThrow.Malformed("§2.2.2.2", $"property 0x{raw:X2} is not allowed in {packet}");
            }

            var id = (MqttPropertyId)raw;
            var bit = 1UL << (int)raw;
            var repeatable = id == MqttPropertyId.UserProperty
                || (id == MqttPropertyId.SubscriptionIdentifier && repeatSubscriptionIdentifier);
            if ((seen & bit) != 0 && !repeatable)
            {
                MqttThrow.ProtocolError("§2.2.2.2", $"{packet} includes the {id} property more than once");
            }

            seen |= bit;
            ReadValue(ref block, id, packet, ref set);
        }

        if (set.AuthenticationData is not null && set.AuthenticationMethod is null)
        {
            MqttThrow.ProtocolError("§3.1.2.11.10", $"{packet} carries Authentication Data without an Authentication Method");
        }
    }

    private static void ReadValue(ref MqttSpanReader block, MqttPropertyId id, string packet, ref MqttPropertySet set)
    {
        switch (id)
        {
            case MqttPropertyId.PayloadFormatIndicator:
                set.PayloadFormatIndicator = ReadFlag(ref block, id);
                break;
            case MqttPropertyId.MessageExpiryInterval:
                set.MessageExpiryInterval = block.ReadUInt32();
                break;
            case MqttPropertyId.ContentType:
                set.ContentType = block.ReadString("Content Type");
                break;
            case MqttPropertyId.ResponseTopic:
                set.ResponseTopic = block.ReadString("Response Topic");
                if (!Topics.TopicName.IsValid(set.ResponseTopic))
                {
                    MqttThrow.ProtocolError("MQTT-3.3.2-14", "the Response Topic must be a topic name without wildcards");
                }

                break;
            case MqttPropertyId.CorrelationData:
                set.CorrelationData = block.ReadBinary();
                break;
            case MqttPropertyId.SubscriptionIdentifier:
                var subscriptionId = block.ReadVariableByteInteger();
                if (subscriptionId == 0)
                {
                    MqttThrow.ProtocolError("§3.8.2.1.2", $"{packet} carries a Subscription Identifier of 0");
                }

                (set.SubscriptionIdentifiers ??= []).Add(subscriptionId);
                break;
            case MqttPropertyId.SessionExpiryInterval:
                set.SessionExpiryInterval = block.ReadUInt32();
                break;
            case MqttPropertyId.AssignedClientIdentifier:
                set.AssignedClientIdentifier = block.ReadString("Assigned Client Identifier");
                break;
            case MqttPropertyId.ServerKeepAlive:
                set.ServerKeepAlive = block.ReadUInt16();
                break;
            case MqttPropertyId.AuthenticationMethod:
                set.AuthenticationMethod = block.ReadString("Authentication Method");
                break;
            case MqttPropertyId.AuthenticationData:
                set.AuthenticationData = block.ReadBinary();
                break;
            case MqttPropertyId.RequestProblemInformation:
                set.RequestProblemInformation = ReadFlag(ref block, id);
                break;
            case MqttPropertyId.WillDelayInterval:
                set.WillDelayInterval = block.ReadUInt32();
                break;
            case MqttPropertyId.RequestResponseInformation:
                set.RequestResponseInformation = ReadFlag(ref block, id);
                break;
            case MqttPropertyId.ResponseInformation:
                set.ResponseInformation = block.ReadString("Response Information");
                break;
            case MqttPropertyId.ServerReference:
                set.ServerReference = block.ReadString("Server Reference");
                break;
            case MqttPropertyId.ReasonString:
                set.ReasonString = block.ReadString("Reason String");
                break;
            case MqttPropertyId.ReceiveMaximum:
                set.ReceiveMaximum = ReadNonZeroUInt16(ref block, id);
                break;
            case MqttPropertyId.TopicAliasMaximum:
                set.TopicAliasMaximum = block.ReadUInt16();
                break;
            case MqttPropertyId.TopicAlias:
                set.TopicAlias = block.ReadUInt16();
                if (set.TopicAlias == 0)
                {
                    MqttThrow.Violation("MQTT-3.3.2-8", Packets.MqttDisconnectReasonCode.TopicAliasInvalid,
                        "a Topic Alias of 0 is not permitted");
                }

                break;
            case MqttPropertyId.MaximumQoS:
                set.MaximumQoS = ReadFlag(ref block, id);
                break;
            case MqttPropertyId.RetainAvailable:
                set.RetainAvailable = ReadFlag(ref block, id);
                break;
            case MqttPropertyId.UserProperty:
                var name = block.ReadString("User Property name");
                var value = block.ReadString("User Property value");
                (set.UserProperties ??= []).Add(new MqttUserProperty(name, value));
                break;
            case MqttPropertyId.MaximumPacketSize:
                set.MaximumPacketSize = block.ReadUInt32();
                if (set.MaximumPacketSize == 0)
                {
                    MqttThrow.ProtocolError("§3.1.2.11.4", "a Maximum Packet Size of 0 is not permitted");
                }

                break;
            case MqttPropertyId.WildcardSubscriptionAvailable:
                set.WildcardSubscriptionAvailable = ReadFlag(ref block, id);
                break;
            case MqttPropertyId.SubscriptionIdentifierAvailable:
                set.SubscriptionIdentifierAvailable = ReadFlag(ref block, id);
                break;
            case MqttPropertyId.SharedSubscriptionAvailable:
                set.SharedSubscriptionAvailable = ReadFlag(ref block, id);
                break;
            default:
                MqttThrow.Malformed("§2.2.2.2", $"unknown property 0x{(byte)id:X2}");
                break;
        }
    }

    /// <summary>The byte-valued properties all allow only 0 and 1; anything else is a Protocol Error.</summary>
    private static byte ReadFlag(ref MqttSpanReader block, MqttPropertyId id)
    {
        var value = block.ReadByte();
        if (value > 1)
        {
            MqttThrow.ProtocolError("§2.2.2.2", $"the {id} property must be 0 or 1, not {value}");
        }

        return value;
    }

    private static ushort ReadNonZeroUInt16(ref MqttSpanReader block, MqttPropertyId id)
    {
        var value = block.ReadUInt16();
        if (value == 0)
        {
            MqttThrow.ProtocolError("§3.1.2.11.3", $"the {id} property must not be 0");
        }

        return value;
    }
}
