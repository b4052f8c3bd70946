namespace Visco.Mqtt.Packets;

/// <summary>UNSUBACK reason codes (MQTT 5.0 §3.11.3). Only in MQTT 5; a 3.1.1 UNSUBACK has no payload.</summary>
public enum MqttUnsubAckReasonCode : byte
{
    /// <summary>The subscription is deleted.</summary>
    Success = 0x00,

    /// <summary>No matching topic filter is being used by the client.</summary>
    NoSubscriptionExisted = 0x11,

    /// <summary>The unsubscribe could not be completed and the server does not wish to reveal the reason.</summary>
    UnspecifiedError = 0x80,

    /// <summary>The UNSUBSCRIBE is valid but the server does not accept it.</summary>
    ImplementationSpecificError = 0x83,

    /// <summary>The client is not authorized to unsubscribe.</summary>
    NotAuthorized = 0x87,

    /// <summary>The topic filter is correctly formed but is not allowed for this client.</summary>
    TopicFilterInvalid = 0x8F,

    /// <summary>The specified packet identifier is already in use.</summary>
    PacketIdentifierInUse = 0x91,
}
