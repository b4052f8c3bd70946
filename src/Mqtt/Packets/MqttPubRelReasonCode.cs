namespace Visco.Mqtt.Packets;

/// <summary>PUBREL reason codes (MQTT 5.0 §3.6.2.1). Only in MQTT 5.</summary>
public enum MqttPubRelReasonCode : byte
{
    /// <summary>Success; message released or completed.</summary>
    Success = 0x00,

    /// <summary>The packet identifier is not known.</summary>
    PacketIdentifierNotFound = 0x92,
}
