namespace Visco.Mqtt.Packets;

/// <summary>PUBLISH: an application message in either direction (MQTT 5.0 §3.3, 3.1.1 §3.3).</summary>
public sealed class MqttPublishPacket : MqttPacket
{
    /// <inheritdoc />
    public override MqttPacketType PacketType => MqttPacketType.Publish;

    /// <summary>The topic name; empty only in MQTT 5 when <see cref="TopicAlias"/> names an established alias.</summary>
    public string Topic { get; set; } = string.Empty;

    /// <summary>The application payload.</summary>
    public ReadOnlyMemory<byte> Payload { get; set; }

    /// <summary>The delivery guarantee.</summary>
    public MqttQualityOfService QualityOfService { get; set; }

    /// <summary>Whether the server keeps the message for future subscribers (or it was retained).</summary>
    public bool Retain { get; set; }

    /// <summary>Whether this is a re-delivery of an earlier attempt (never set for QoS 0).</summary>
    public bool Dup { get; set; }

    /// <summary>The packet identifier; non-zero for QoS 1 and 2, absent for QoS 0.</summary>
    public ushort PacketId { get; set; }

    /// <summary>Whether the payload is UTF-8 character data. Only in MQTT 5.</summary>
    public MqttPayloadFormatIndicator PayloadFormatIndicator { get; set; }

    /// <summary>Lifetime of the message in seconds; null means it never expires. Only in MQTT 5.</summary>
    public uint? MessageExpiryInterval { get; set; }

    /// <summary>A topic alias (0 = none). Only in MQTT 5.</summary>
    public ushort TopicAlias { get; set; }

    /// <summary>Topic a receiver should answer on (request/response). Only in MQTT 5.</summary>
    public string? ResponseTopic { get; set; }

    /// <summary>Correlation data of a request/response exchange. Only in MQTT 5.</summary>
    public byte[]? CorrelationData { get; set; }

    /// <summary>Identifiers of the subscriptions that matched (server to client only). Only in MQTT 5.</summary>
    public IList<uint> SubscriptionIdentifiers { get; set; } = [];

    /// <summary>Content type (for example a MIME type) of the payload. Only in MQTT 5.</summary>
    public string? ContentType { get; set; }

    /// <summary>User properties of the message. Only in MQTT 5.</summary>
    public IList<MqttUserProperty> UserProperties { get; set; } = [];
}
