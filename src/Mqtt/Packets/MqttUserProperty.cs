namespace Visco.Mqtt.Packets;

/// <summary>A User Property name/value pair (MQTT 5.0 §3.1.2.11.8); names may repeat and order is kept. Only in MQTT 5.</summary>
/// <param name="Name">The property name.</param>
/// <param name="Value">The property value.</param>
public sealed record MqttUserProperty(string Name, string Value);
