namespace Visco.Mqtt.Packets;

/// <summary>One topic filter and its subscription options in a SUBSCRIBE (MQTT 5.0 §3.8.3.1).</summary>
public sealed class MqttSubscription
{
    /// <summary>Creates an empty subscription; set <see cref="TopicFilter"/> before sending.</summary>
    public MqttSubscription()
    {
    }

    /// <summary>Creates a subscription to a filter at the given maximum QoS.</summary>
    public MqttSubscription(string topicFilter, MqttQualityOfService maximumQoS = MqttQualityOfService.AtMostOnce)
    {
        TopicFilter = topicFilter;
        MaximumQoS = maximumQoS;
    }

    /// <summary>The topic filter (may hold wildcards, or be a <c>$share/{name}/{filter}</c> shared subscription).</summary>
    public string TopicFilter { get; set; } = string.Empty;

    /// <summary>The highest QoS the server may use to deliver matching messages.</summary>
    public MqttQualityOfService MaximumQoS { get; set; }

    /// <summary>Do not send the client its own publications on this subscription. Only in MQTT 5.</summary>
    public bool NoLocal { get; set; }

    /// <summary>Keep the retain flag of forwarded messages as published. Only in MQTT 5.</summary>
    public bool RetainAsPublished { get; set; }

    /// <summary>When retained messages are sent for this subscription. Only in MQTT 5.</summary>
    public MqttRetainHandling RetainHandling { get; set; }
}
