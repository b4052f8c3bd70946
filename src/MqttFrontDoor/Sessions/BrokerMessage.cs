using Visco.Mqtt.Packets;

namespace Visco.MqttFrontDoor.Sessions;

/// <summary>An application message as the broker routes and stores it (immutable; persisted in sessions and retained).</summary>
/// <param name="Topic">The topic name.</param>
/// <param name="Payload">The payload bytes.</param>
/// <param name="QualityOfService">0, 1 or 2.</param>
/// <param name="Retain">The RETAIN flag as published.</param>
public sealed record BrokerMessage(string Topic, byte[] Payload, int QualityOfService, bool Retain)
{
    /// <summary>MQTT 5 Payload Format Indicator: UTF-8 text.</summary>
    public bool PayloadIsUtf8 { get; init; }

    /// <summary>MQTT 5 Content Type.</summary>
    public string? ContentType { get; init; }

    /// <summary>MQTT 5 Response Topic.</summary>
    public string? ResponseTopic { get; init; }

    /// <summary>MQTT 5 Correlation Data.</summary>
    public byte[]? CorrelationData { get; init; }

    /// <summary>MQTT 5 User Properties, in order.</summary>
    public IReadOnlyList<MqttUserProperty>? UserProperties { get; init; }

    /// <summary>When the message expires (from MQTT 5 Message Expiry Interval); null never.</summary>
    public DateTimeOffset? ExpiresAt { get; init; }

    /// <summary>The client that published it (for No Local); null when the cloud sent it.</summary>
    public string? SenderClientId { get; init; }

    /// <summary>Builds a message from a received PUBLISH.</summary>
    public static BrokerMessage FromPublish(MqttPublishPacket publish, string? sender, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(publish);
        return new BrokerMessage(publish.Topic, publish.Payload.ToArray(), (int)publish.QualityOfService, publish.Retain)
        {
            PayloadIsUtf8 = publish.PayloadFormatIndicator == MqttPayloadFormatIndicator.CharacterData,
            ContentType = publish.ContentType,
            ResponseTopic = publish.ResponseTopic,
            CorrelationData = publish.CorrelationData,
            UserProperties = publish.UserProperties.Count == 0 ? null : [.. publish.UserProperties],
            ExpiresAt = publish.MessageExpiryInterval is { } seconds ? now.AddSeconds(seconds) : null,
            SenderClientId = sender,
        };
    }

    /// <summary>Builds a will message for publication.</summary>
    public static BrokerMessage FromWill(MqttWillMessage will, string sender, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(will);
        return new BrokerMessage(will.Topic, will.Payload.ToArray(), (int)will.QualityOfService, will.Retain)
        {
            PayloadIsUtf8 = will.PayloadFormatIndicator == MqttPayloadFormatIndicator.CharacterData,
            ContentType = will.ContentType,
            ResponseTopic = will.ResponseTopic,
            CorrelationData = will.CorrelationData,
            UserProperties = will.UserProperties.Count == 0 ? null : [.. will.UserProperties],
            ExpiresAt = will.MessageExpiryInterval is { } seconds ? now.AddSeconds(seconds) : null,
            SenderClientId = sender,
        };
    }

    /// <summary>A PUBLISH of this message for a subscriber, or null when it has expired.</summary>
    public MqttPublishPacket? ToPublish(int qos, bool retain, ushort packetId, bool dup, IList<uint>? subscriptionIds, DateTimeOffset now)
    {
        uint? expiry = null;
        if (ExpiresAt is { } expiresAt)
        {
            var left = expiresAt - now;
            if (left <= TimeSpan.Zero)
            {
                return null;
            }

            expiry = (uint)Math.Ceiling(left.TotalSeconds);
        }

        return new MqttPublishPacket
        {
            Topic = Topic,
            Payload = Payload,
            QualityOfService = (MqttQualityOfService)qos,
            Retain = retain,
            Dup = dup,
            PacketId = qos == 0 ? (ushort)0 : packetId,
            PayloadFormatIndicator = PayloadIsUtf8 ? MqttPayloadFormatIndicator.CharacterData : MqttPayloadFormatIndicator.Unspecified,
            ContentType = ContentType,
            ResponseTopic = ResponseTopic,
            CorrelationData = CorrelationData,
            UserProperties = UserProperties is null ? [] : [.. UserProperties],
            MessageExpiryInterval = expiry,
            SubscriptionIdentifiers = subscriptionIds ?? [],
        };
    }
}
