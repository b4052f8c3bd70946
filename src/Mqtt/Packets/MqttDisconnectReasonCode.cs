namespace Visco.Mqtt.Packets;

/// <summary>DISCONNECT reason codes (MQTT 5.0 §3.14.2.1). Only in MQTT 5; a 3.1.1 DISCONNECT has no variable header.</summary>
public enum MqttDisconnectReasonCode : byte
{
    /// <summary>Close the connection normally; do not send the will message.</summary>
    NormalDisconnection = 0x00,

    /// <summary>The client wishes to disconnect but requires that the server also publishes its will message.</summary>
    DisconnectWithWillMessage = 0x04,

    /// <summary>The connection is closed but the sender does not wish to reveal the reason.</summary>
    UnspecifiedError = 0x80,

    /// <summary>The received packet does not conform to this specification.</summary>
    MalformedPacket = 0x81,

    /// <summary>An unexpected or out of order packet was received.</summary>
    ProtocolError = 0x82,

    /// <summary>The packet received is valid but cannot be processed by this implementation.</summary>
    ImplementationSpecificError = 0x83,

    /// <summary>The request is not authorized.</summary>
    NotAuthorized = 0x87,

    /// <summary>The server is busy and cannot continue processing requests from this client.</summary>
    ServerBusy = 0x89,

    /// <summary>The server is shutting down.</summary>
    ServerShuttingDown = 0x8B,

    /// <summary>No packet was received for 1.5 times the keep-alive time.</summary>
    KeepAliveTimeout = 0x8D,

    /// <summary>Another connection using the same client identifier has connected.</summary>
    SessionTakenOver = 0x8E,

    /// <summary>The topic filter is correctly formed but is not accepted by this server.</summary>
    TopicFilterInvalid = 0x8F,

    /// <summary>The topic name is correctly formed but is not accepted by this client or server.</summary>
    TopicNameInvalid = 0x90,

    /// <summary>More QoS 1/2 publications were received than the receive maximum allows.</summary>
    ReceiveMaximumExceeded = 0x93,

    /// <summary>A topic alias was greater than the maximum announced.</summary>
    TopicAliasInvalid = 0x94,

    /// <summary>The packet size is greater than the maximum packet size.</summary>
    PacketTooLarge = 0x95,

    /// <summary>The received data rate is too high.</summary>
    MessageRateTooHigh = 0x96,

    /// <summary>An implementation or administrative imposed limit has been exceeded.</summary>
    QuotaExceeded = 0x97,

    /// <summary>The connection is closed due to an administrative action.</summary>
    AdministrativeAction = 0x98,

    /// <summary>The payload format does not match the one specified by the payload format indicator.</summary>
    PayloadFormatInvalid = 0x99,

    /// <summary>The server does not support retained messages.</summary>
    RetainNotSupported = 0x9A,

    /// <summary>The client specified a QoS greater than the maximum QoS in the CONNACK.</summary>
    QoSNotSupported = 0x9B,

    /// <summary>The client should temporarily change its server.</summary>
    UseAnotherServer = 0x9C,

    /// <summary>The server is moved and the client should permanently change its server.</summary>
    ServerMoved = 0x9D,

    /// <summary>The server does not support shared subscriptions.</summary>
    SharedSubscriptionsNotSupported = 0x9E,

    /// <summary>This connection is closed because the connection rate is too high.</summary>
    ConnectionRateExceeded = 0x9F,

    /// <summary>The maximum connection time authorized for this connection has been exceeded.</summary>
    MaximumConnectTime = 0xA0,

    /// <summary>The server does not support subscription identifiers.</summary>
    SubscriptionIdentifiersNotSupported = 0xA1,

    /// <summary>The server does not support wildcard subscriptions.</summary>
    WildcardSubscriptionsNotSupported = 0xA2,
}
