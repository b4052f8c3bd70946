namespace Visco.Mqtt.Packets;

/// <summary>AUTH reason codes (MQTT 5.0 §3.15.2.1). Only in MQTT 5.</summary>
public enum MqttAuthReasonCode : byte
{
    /// <summary>Authentication is successful.</summary>
    Success = 0x00,

    /// <summary>Continue the authentication with another step.</summary>
    ContinueAuthentication = 0x18,

    /// <summary>Initiate a re-authentication.</summary>
    ReAuthenticate = 0x19,
}
