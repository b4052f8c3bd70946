namespace Visco.Mqtt.Packets;

/// <summary>The Payload Format Indicator property (MQTT 5.0 §3.3.2.3.2). Only in MQTT 5.</summary>
public enum MqttPayloadFormatIndicator : byte
{
    /// <summary>Unspecified bytes.</summary>
    Unspecified = 0,

    /// <summary>UTF-8 encoded character data.</summary>
    CharacterData = 1,
}
