using Visco.Mqtt.Packets;

namespace Visco.Mqtt.Client;

/// <summary>The server answered CONNECT with a failure reason code.</summary>
public sealed class MqttConnectionRefusedException(MqttConnAckPacket connAck)
    : Exception($"the server refused the connection: {connAck.ReasonCode}{(connAck.ReasonString is null ? string.Empty : $" ({connAck.ReasonString})")}")
{
    /// <summary>The CONNACK received.</summary>
    public MqttConnAckPacket ConnAck { get; } = connAck;

    /// <summary>The reason code (a 3.1.1 return code is mapped to its MQTT 5 equivalent).</summary>
    public MqttConnectReasonCode ReasonCode => ConnAck.ReasonCode;
}
