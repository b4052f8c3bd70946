namespace Visco.Mqtt.Packets;

/// <summary>PUBREC reason codes (MQTT 5.0 §3.5.2.1). Only in MQTT 5; a 3.1.1 PUBREC always means success.</summary>
public enum MqttPubRecReasonCode : byte
{
    /// <summary>The message is accepted; processing of the QoS 2 message proceeds.</summary>
    Success = 0x00,

    /// <summary>The message is accepted but there are no subscribers.</summary>
    NoMatchingSubscribers = 0x10,

    /// <summary>The receiver does not accept the publish but does not wish to reveal the reason.</summary>
    UnspecifiedError = 0x80,

    /// <summary>The PUBLISH is valid but the receiver is not willing to accept it.</summary>
    ImplementationSpecificError = 0x83,

    /// <summary>The PUBLISH is not authorized.</summary>
    NotAuthorized = 0x87,

    /// <summary>The topic name is not malformed, but is not accepted by this client or server.</summary>
    TopicNameInvalid = 0x90,

    /// <summary>The packet identifier is already in use.</summary>
    PacketIdentifierInUse = 0x91,

    /// <summary>An implementation or administrative imposed limit has been exceeded.</summary>
    QuotaExceeded = 0x97,

    /// <summary>The payload format does not match the specified payload format indicator.</summary>
    PayloadFormatInvalid = 0x99,
}
