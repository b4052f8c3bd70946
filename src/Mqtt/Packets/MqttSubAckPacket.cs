namespace Visco.Mqtt.Packets;

/// <summary>SUBACK: one reason code per subscription of the SUBSCRIBE it answers (MQTT 5.0 §3.9).</summary>
public sealed class MqttSubAckPacket : MqttPacket
{
    /// <inheritdoc />
    public override MqttPacketType PacketType => MqttPacketType.SubAck;

    /// <summary>The packet identifier of the SUBSCRIBE.</summary>
    public ushort PacketId { get; set; }

    /// <summary>The result of each subscription, in the order of the SUBSCRIBE.</summary>
    public IList<MqttSubAckReasonCode> ReasonCodes { get; set; } = [];

    /// <summary>A human-readable diagnostic. Only in MQTT 5.</summary>
    public string? ReasonString { get; set; }

    /// <summary>User properties of the SUBACK. Only in MQTT 5.</summary>
    public IList<MqttUserProperty> UserProperties { get; set; } = [];
}
