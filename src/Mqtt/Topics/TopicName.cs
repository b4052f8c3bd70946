using Visco.Mqtt.Packets;

namespace Visco.Mqtt.Topics;

/// <summary>Rules for topic names: what a PUBLISH (or a will) is sent to (MQTT 5.0 §4.7).</summary>
public static class TopicName
{
    /// <summary>Whether <paramref name="topic"/> is a valid topic name: non-empty and without wildcards.</summary>
    public static bool IsValid(ReadOnlySpan<char> topic) => GetError(topic, out _) is null;

    /// <summary>Throws <see cref="MqttProtocolViolationException"/> (reason Topic Name invalid) for an invalid topic name.</summary>
    public static void Validate(string topic)
    {
        ArgumentNullException.ThrowIfNull(topic);
        if (GetError(topic, out var rule) is { } error)
        {
            throw new MqttProtocolViolationException(rule, MqttDisconnectReasonCode.TopicNameInvalid, error);
        }
    }

    private static string? GetError(ReadOnlySpan<char> topic, out string rule)
    {
        if (topic.IsEmpty)
        {
            rule = "MQTT-4.7.3-1";
            return "a topic name must be at least one character long";
        }

        if (topic.IndexOfAny('+', '#') >= 0)
        {
            rule = "MQTT-3.3.2-2";
            return $"the topic name \"{topic}\" must not contain wildcard characters";
        }

        rule = string.Empty;
        return null;
    }
}
