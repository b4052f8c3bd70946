namespace Visco.Mqtt.Packets;

/// <summary>CONNACK reason codes of MQTT 5 (MQTT 5.0 §3.2.2.2). MQTT 3.1.1 return codes map through MqttConnectReasonCodeMapping.</summary>
public enum MqttConnectReasonCode : byte
{
    /// <summary>The connection is accepted.</summary>
    Success = 0x00,

    /// <summary>The server does not wish to reveal the reason, or none of the others apply.</summary>
    UnspecifiedError = 0x80,

    /// <summary>Data within the CONNECT packet could not be correctly parsed.</summary>
    MalformedPacket = 0x81,

    /// <summary>Data in the CONNECT packet does not conform to this specification.</summary>
    ProtocolError = 0x82,

    /// <summary>The CONNECT is valid but is not accepted by this server.</summary>
    ImplementationSpecificError = 0x83,

    /// <summary>The server does not support the requested protocol version.</summary>
    UnsupportedProtocolVersion = 0x84,

    /// <summary>The client identifier is a valid string but is not allowed by the server.</summary>
    ClientIdentifierNotValid = 0x85,

    /// <summary>The server does not accept the user name or password.</summary>
    BadUserNameOrPassword = 0x86,

    /// <summary>The client is not authorized to connect.</summary>
    NotAuthorized = 0x87,

    /// <summary>The MQTT server is not available.</summary>
    ServerUnavailable = 0x88,

    /// <summary>The server is busy; try again later.</summary>
    ServerBusy = 0x89,

    /// <summary>This client has been banned by administrative action.</summary>
    Banned = 0x8A,

    /// <summary>The authentication method is not supported or does not match the one in use.</summary>
    BadAuthenticationMethod = 0x8C,

    /// <summary>The will topic name is well formed but not accepted by this server.</summary>
    TopicNameInvalid = 0x90,

    /// <summary>The CONNECT packet exceeded the maximum permissible size.</summary>
    PacketTooLarge = 0x95,

    /// <summary>An implementation or administrative imposed limit has been exceeded.</summary>
    QuotaExceeded = 0x97,

    /// <summary>The will payload does not match the specified payload format indicator.</summary>
    PayloadFormatInvalid = 0x99,

    /// <summary>The server does not support retained messages, and will retain was set.</summary>
    RetainNotSupported = 0x9A,

    /// <summary>The server does not support the QoS set in will QoS.</summary>
    QoSNotSupported = 0x9B,

    /// <summary>The client should temporarily use another server.</summary>
    UseAnotherServer = 0x9C,

    /// <summary>The client should permanently use another server.</summary>
    ServerMoved = 0x9D,

    /// <summary>The connection rate limit has been exceeded.</summary>
    ConnectionRateExceeded = 0x9F,
}
