namespace Visco.Mqtt.Packets;

/// <summary>
/// A decoded MQTT control packet. One sealed subclass per packet type; the codec decides which fields the negotiated
/// protocol version carries on the wire, so the same object model serves MQTT 3.1.1 and 5.0.
/// </summary>
public abstract class MqttPacket
{
    /// <summary>The control packet type written in the fixed header.</summary>
    public abstract MqttPacketType PacketType { get; }
}
