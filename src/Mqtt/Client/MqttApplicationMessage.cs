using Visco.Mqtt.Packets;

namespace Visco.Mqtt.Client;

/// <summary>A message to publish. The client assigns the packet identifier and the DUP flag itself.</summary>
public sealed class MqttApplicationMessage
{
    /// <summary>The topic name (no wildcards).</summary>
    public string Topic { get; set; } = string.Empty;

    /// <summary>The payload.</summary>
    public ReadOnlyMemory<byte> Payload { get; set; }

    /// <summary>The delivery guarantee.</summary>
    public MqttQualityOfService QualityOfService { get; set; }

    /// <summary>Whether the server retains the message for future subscribers.</summary>
    public bool Retain { get; set; }

    /// <summary>Whether the payload is UTF-8 character data. Only in MQTT 5.</summary>
    public MqttPayloadFormatIndicator PayloadFormatIndicator { get; set; }

    /// <summary>Lifetime of the message in seconds; null means it never expires. Only in MQTT 5.</summary>
    public uint? MessageExpiryInterval { get; set; }

    /// <summary>Content type of the payload. Only in MQTT 5.</summary>
    public string? ContentType { get; set; }

    /// <summary>Topic a receiver should answer on. Only in MQTT 5.</summary>
    public string? ResponseTopic { get; set; }

    /// <summary>Correlation data for request/response. Only in MQTT 5.</summary>
    public byte[]? CorrelationData { get; set; }

    /// <summary>User properties. Only in MQTT 5.</summary>
    public IList<MqttUserProperty> UserProperties { get; set; } = [];

    internal MqttPublishPacket ToPacket() => new()
    {
        Topic = Topic,
        Payload = Payload,
        QualityOfService = QualityOfService,
        Retain = Retain,
        PayloadFormatIndicator = PayloadFormatIndicator,
        MessageExpiryInterval = MessageExpiryInterval,
        ContentType = ContentType,
        ResponseTopic = ResponseTopic,
        CorrelationData = CorrelationData,
        UserProperties = UserProperties,
    };
}
