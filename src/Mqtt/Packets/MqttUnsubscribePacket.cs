namespace Visco.Mqtt.Packets;

/// <summary>UNSUBSCRIBE: removes subscriptions (MQTT 5.0 §3.10, 3.1.1 §3.10).</summary>
public sealed class MqttUnsubscribePacket : MqttPacket
{
    /// <inheritdoc />
    public override MqttPacketType PacketType => MqttPacketType.Unsubscribe;

    /// <summary>The packet identifier (non-zero).</summary>
    public ushort PacketId { get; set; }

    /// <summary>The topic filters to remove; at least one.</summary>
    public IList<string> TopicFilters { get; set; } = [];

    /// <summary>User properties of the UNSUBSCRIBE. Only in MQTT 5.</summary>
    public IList<MqttUserProperty> UserProperties { get; set; } = [];
}
