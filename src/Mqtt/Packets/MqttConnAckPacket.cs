namespace Visco.Mqtt.Packets;

/// <summary>CONNACK: the server's answer to CONNECT (MQTT 5.0 §3.2, 3.1.1 §3.2).</summary>
public sealed class MqttConnAckPacket : MqttPacket
{
    /// <inheritdoc />
    public override MqttPacketType PacketType => MqttPacketType.ConnAck;

    /// <summary>Whether the server resumes a session it already held for this client.</summary>
    public bool SessionPresent { get; set; }

    /// <summary>
    /// The outcome. In MQTT 3.1.1 the wire carries a return code; the codec maps it through
    /// <see cref="MqttConnectReasonCodeMapping"/>.
    /// </summary>
    public MqttConnectReasonCode ReasonCode { get; set; }

    /// <summary>The session expiry the server uses instead of the client's, if it overrides it. Only in MQTT 5.</summary>
    public uint? SessionExpiryInterval { get; set; }

    /// <summary>How many QoS 1/2 publications the server processes at once (default 65,535). Only in MQTT 5.</summary>
    public ushort ReceiveMaximum { get; set; } = ushort.MaxValue;

    /// <summary>The highest QoS the server supports (default 2). Only in MQTT 5.</summary>
    public MqttQualityOfService MaximumQoS { get; set; } = MqttQualityOfService.ExactlyOnce;

    /// <summary>Whether the server supports retained messages (default true). Only in MQTT 5.</summary>
    public bool RetainAvailable { get; set; } = true;

    /// <summary>The largest packet the server accepts; null means no limit beyond the protocol's. Only in MQTT 5.</summary>
    public uint? MaximumPacketSize { get; set; }

    /// <summary>The client identifier the server assigned when the client sent an empty one. Only in MQTT 5.</summary>
    public string? AssignedClientIdentifier { get; set; }

    /// <summary>The highest topic alias the server accepts from the client (0 = none). Only in MQTT 5.</summary>
    public ushort TopicAliasMaximum { get; set; }

    /// <summary>A human-readable diagnostic. Only in MQTT 5.</summary>
    public string? ReasonString { get; set; }

    /// <summary>User properties of the CONNACK. Only in MQTT 5.</summary>
    public IList<MqttUserProperty> UserProperties { get; set; } = [];

    /// <summary>Whether the server supports wildcard subscriptions (default true). Only in MQTT 5.</summary>
    public bool WildcardSubscriptionAvailable { get; set; } = true;

    /// <summary>Whether the server supports subscription identifiers (default true). Only in MQTT 5.</summary>
    public bool SubscriptionIdentifiersAvailable { get; set; } = true;

    /// <summary>Whether the server supports shared subscriptions (default true). Only in MQTT 5.</summary>
    public bool SharedSubscriptionAvailable { get; set; } = true;

    /// <summary>The keep-alive the client must use instead of its own, if the server overrides it. Only in MQTT 5.</summary>
    public ushort? ServerKeepAlive { get; set; }

    /// <summary>Basis for response topics, when the client asked for it. Only in MQTT 5.</summary>
    public string? ResponseInformation { get; set; }

    /// <summary>Another server the client should use. Only in MQTT 5.</summary>
    public string? ServerReference { get; set; }

    /// <summary>The extended authentication method. Only in MQTT 5.</summary>
    public string? AuthenticationMethod { get; set; }

    /// <summary>The extended authentication data. Only in MQTT 5.</summary>
    public byte[]? AuthenticationData { get; set; }
}
