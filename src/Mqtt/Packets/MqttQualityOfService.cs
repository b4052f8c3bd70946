namespace Visco.Mqtt.Packets;

/// <summary>Quality of service of a message (MQTT 5.0 §4.3). The value 3 is reserved and never valid.</summary>
public enum MqttQualityOfService : byte
{
    /// <summary>At most once: fire and forget.</summary>
    AtMostOnce = 0,

    /// <summary>At least once: PUBLISH, PUBACK.</summary>
    AtLeastOnce = 1,

    /// <summary>Exactly once: PUBLISH, PUBREC, PUBREL, PUBCOMP.</summary>
    ExactlyOnce = 2,
}
