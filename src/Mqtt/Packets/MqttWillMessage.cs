namespace Visco.Mqtt.Packets;

/// <summary>The will message a server publishes when the connection ends abnormally (MQTT 5.0 §3.1.2.5, §3.1.3.2).</summary>
public sealed class MqttWillMessage
{
    /// <summary>The will topic (a topic name: no wildcards).</summary>
    public string Topic { get; set; } = string.Empty;

    /// <summary>The will payload.</summary>
    public ReadOnlyMemory<byte> Payload { get; set; }

    /// <summary>The QoS of the will publication.</summary>
    public MqttQualityOfService QualityOfService { get; set; }

    /// <summary>Whether the will is published as a retained message.</summary>
    public bool Retain { get; set; }

    /// <summary>Seconds the server waits before publishing the will (0 = at once). Only in MQTT 5.</summary>
    public uint DelayInterval { get; set; }

    /// <summary>Whether the payload is UTF-8 character data. Only in MQTT 5.</summary>
    public MqttPayloadFormatIndicator PayloadFormatIndicator { get; set; }

    /// <summary>Lifetime of the will message in seconds; null means it never expires. Only in MQTT 5.</summary>
    public uint? MessageExpiryInterval { get; set; }

    /// <summary>Content type (for example a MIME type) of the payload. Only in MQTT 5.</summary>
    public string? ContentType { get; set; }

    /// <summary>Topic a receiver should answer on (request/response). Only in MQTT 5.</summary>
    public string? ResponseTopic { get; set; }

    /// <summary>Correlation data of a request/response exchange. Only in MQTT 5.</summary>
    public byte[]? CorrelationData { get; set; }

    /// <summary>User properties of the will message. Only in MQTT 5.</summary>
    public IList<MqttUserProperty> UserProperties { get; set; } = [];
}
