namespace Visco.Mqtt.Packets;

/// <summary>SUBACK reason codes (MQTT 5.0 §3.9.3). In MQTT 3.1.1 only the granted QoS values and 0x80 (failure) exist.</summary>
public enum MqttSubAckReasonCode : byte
{
    /// <summary>The subscription is accepted and the maximum QoS sent will be QoS 0.</summary>
    GrantedQoS0 = 0x00,

    /// <summary>The subscription is accepted and the maximum QoS sent will be QoS 1.</summary>
    GrantedQoS1 = 0x01,

    /// <summary>The subscription is accepted and any received QoS will be sent.</summary>
    GrantedQoS2 = 0x02,

    /// <summary>The subscription is not accepted (the 3.1.1 "Failure" return code).</summary>
    UnspecifiedError = 0x80,

    /// <summary>The SUBSCRIBE is valid but the server does not accept it. Only in MQTT 5.</summary>
    ImplementationSpecificError = 0x83,

    /// <summary>The client is not authorized to make this subscription. Only in MQTT 5.</summary>
    NotAuthorized = 0x87,

    /// <summary>The topic filter is correctly formed but is not allowed for this client. Only in MQTT 5.</summary>
    TopicFilterInvalid = 0x8F,

    /// <summary>The specified packet identifier is already in use. Only in MQTT 5.</summary>
    PacketIdentifierInUse = 0x91,

    /// <summary>An implementation or administrative imposed limit has been exceeded. Only in MQTT 5.</summary>
    QuotaExceeded = 0x97,

    /// <summary>The server does not support shared subscriptions for this client. Only in MQTT 5.</summary>
    SharedSubscriptionsNotSupported = 0x9E,

    /// <summary>The server does not support subscription identifiers. Only in MQTT 5.</summary>
    SubscriptionIdentifiersNotSupported = 0xA1,

    /// <summary>The server does not support wildcard subscriptions. Only in MQTT 5.</summary>
    WildcardSubscriptionsNotSupported = 0xA2,
}
