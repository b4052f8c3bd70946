namespace Visco.Mqtt.Packets;

/// <summary>The CONNACK return code of MQTT 3.1.1 (MQTT 3.1.1 §3.2.2.3). Only in MQTT 3.1.1; see MqttConnectReasonCodeMapping.</summary>
public enum MqttConnectReturnCode : byte
{
    /// <summary>Connection accepted.</summary>
    Accepted = 0,

    /// <summary>The server does not support the requested protocol level.</summary>
    UnacceptableProtocolVersion = 1,

    /// <summary>The client identifier is well-formed UTF-8 but not allowed by the server.</summary>
    IdentifierRejected = 2,

    /// <summary>The network connection is made but the MQTT service is unavailable.</summary>
    ServerUnavailable = 3,

    /// <summary>The user name or password is malformed.</summary>
    BadUserNameOrPassword = 4,

    /// <summary>The client is not authorized to connect.</summary>
    NotAuthorized = 5,
}
