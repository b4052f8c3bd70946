namespace Visco.Mqtt.Packets;

/// <summary>AUTH: a step of extended authentication (MQTT 5.0 §3.15). Only in MQTT 5.</summary>
public sealed class MqttAuthPacket : MqttPacket
{
    /// <inheritdoc />
    public override MqttPacketType PacketType => MqttPacketType.Auth;

    /// <summary>The step this packet represents.</summary>
    public MqttAuthReasonCode ReasonCode { get; set; }

    /// <summary>The authentication method; required unless the packet is an empty success.</summary>
    public string? AuthenticationMethod { get; set; }

    /// <summary>The method-specific authentication data.</summary>
    public byte[]? AuthenticationData { get; set; }

    /// <summary>A human-readable diagnostic.</summary>
    public string? ReasonString { get; set; }

    /// <summary>User properties of the AUTH.</summary>
    public IList<MqttUserProperty> UserProperties { get; set; } = [];
}
