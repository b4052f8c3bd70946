namespace Visco.Mqtt.Packets;

/// <summary>SUBSCRIBE: creates one or more subscriptions (MQTT 5.0 §3.8, 3.1.1 §3.8).</summary>
public sealed class MqttSubscribePacket : MqttPacket
{
    /// <inheritdoc />
    public override MqttPacketType PacketType => MqttPacketType.Subscribe;

    /// <summary>The packet identifier (non-zero).</summary>
    public ushort PacketId { get; set; }

    /// <summary>The subscriptions requested; at least one.</summary>
    public IList<MqttSubscription> Subscriptions { get; set; } = [];

    /// <summary>The identifier attached to messages matched by these subscriptions (1 to 268,435,455). Only in MQTT 5.</summary>
    public uint? SubscriptionIdentifier { get; set; }

    /// <summary>User properties of the SUBSCRIBE. Only in MQTT 5.</summary>
    public IList<MqttUserProperty> UserProperties { get; set; } = [];
}
