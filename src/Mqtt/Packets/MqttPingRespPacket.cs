namespace Visco.Mqtt.Packets;

/// <summary>PINGRESP: the server's answer to PINGREQ (MQTT 5.0 §3.13); fixed header only.</summary>
public sealed class MqttPingRespPacket : MqttPacket
{
    /// <summary>The shared instance; the packet carries no data.</summary>
    public static MqttPingRespPacket Instance { get; } = new();

    /// <inheritdoc />
    public override MqttPacketType PacketType => MqttPacketType.PingResp;
}
