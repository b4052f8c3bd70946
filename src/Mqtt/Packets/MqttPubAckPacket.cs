namespace Visco.Mqtt.Packets;

/// <summary>PUBACK: acknowledges a QoS 1 PUBLISH (MQTT 5.0 §3.4).</summary>
public sealed class MqttPubAckPacket : MqttPacket
{
    /// <inheritdoc />
    public override MqttPacketType PacketType => MqttPacketType.PubAck;

    /// <summary>The packet identifier of the exchange this packet belongs to (non-zero).</summary>
    public ushort PacketId { get; set; }

    /// <summary>The outcome; in MQTT 3.1.1 the wire has no reason code and it reads as success. Only in MQTT 5.</summary>
    public MqttPubAckReasonCode ReasonCode { get; set; }

    /// <summary>A human-readable diagnostic. Only in MQTT 5.</summary>
    public string? ReasonString { get; set; }

    /// <summary>User properties of the packet. Only in MQTT 5.</summary>
    public IList<MqttUserProperty> UserProperties { get; set; } = [];
}
