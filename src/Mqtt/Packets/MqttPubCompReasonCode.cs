namespace Visco.Mqtt.Packets;

/// <summary>PUBCOMP reason codes (MQTT 5.0 §3.7.2.1). Only in MQTT 5.</summary>
public enum MqttPubCompReasonCode : byte
{
    /// <summary>Success; message released or completed.</summary>
    Success = 0x00,

    /// <summary>The packet identifier is not known.</summary>
    PacketIdentifierNotFound = 0x92,
}
