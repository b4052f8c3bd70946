namespace Visco.Mqtt.Packets;

/// <summary>DISCONNECT: the last packet on a connection; sent by either side in MQTT 5, by the client in 3.1.1 (§3.14).</summary>
public sealed class MqttDisconnectPacket : MqttPacket
{
    /// <inheritdoc />
    public override MqttPacketType PacketType => MqttPacketType.Disconnect;

    /// <summary>Why the connection ends. Only in MQTT 5 (3.1.1 reads as normal disconnection).</summary>
    public MqttDisconnectReasonCode ReasonCode { get; set; }

    /// <summary>A new session expiry interval set by the client at disconnect. Only in MQTT 5.</summary>
    public uint? SessionExpiryInterval { get; set; }

    /// <summary>A human-readable diagnostic. Only in MQTT 5.</summary>
    public string? ReasonString { get; set; }

    /// <summary>Another server the client should use (server to client). Only in MQTT 5.</summary>
    public string? ServerReference { get; set; }

    /// <summary>User properties of the DISCONNECT. Only in MQTT 5.</summary>
    public IList<MqttUserProperty> UserProperties { get; set; } = [];
}
