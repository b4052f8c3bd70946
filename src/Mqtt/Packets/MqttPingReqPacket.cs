namespace Visco.Mqtt.Packets;

/// <summary>PINGREQ: the client's keep-alive probe (MQTT 5.0 §3.12); fixed header only.</summary>
public sealed class MqttPingReqPacket : MqttPacket
{
    /// <summary>The shared instance; the packet carries no data.</summary>
    public static MqttPingReqPacket Instance { get; } = new();

    /// <inheritdoc />
    public override MqttPacketType PacketType => MqttPacketType.PingReq;
}
