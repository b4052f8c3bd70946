namespace Visco.Mqtt.Packets;

/// <summary>UNSUBACK: answers an UNSUBSCRIBE (MQTT 5.0 §3.11).</summary>
public sealed class MqttUnsubAckPacket : MqttPacket
{
    /// <inheritdoc />
    public override MqttPacketType PacketType => MqttPacketType.UnsubAck;

    /// <summary>The packet identifier of the UNSUBSCRIBE.</summary>
    public ushort PacketId { get; set; }

    /// <summary>The result of each topic filter, in order. Only in MQTT 5 (a 3.1.1 UNSUBACK has none).</summary>
    public IList<MqttUnsubAckReasonCode> ReasonCodes { get; set; } = [];

    /// <summary>A human-readable diagnostic. Only in MQTT 5.</summary>
    public string? ReasonString { get; set; }

    /// <summary>User properties of the UNSUBACK. Only in MQTT 5.</summary>
    public IList<MqttUserProperty> UserProperties { get; set; } = [];
}
