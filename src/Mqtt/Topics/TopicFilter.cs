using Visco.Mqtt.Packets;

namespace Visco.Mqtt.Topics;

/// <summary>Topic filters: validation, shared subscriptions and matching against topic names (MQTT 5.0 §4.7, §4.8.2).</summary>
public static class TopicFilter
{
    private const string SharePrefix = "$share/";

    /// <summary>
    /// Whether <paramref name="topic"/> matches <paramref name="filter"/>: <c>+</c> matches one level, a trailing
    /// <c>#</c> the parent level and every level below it. Topics starting with <c>$</c> are not matched by filters
    /// starting with a wildcard [MQTT-4.7.2-1]. Pass a shared subscription's inner filter, not the <c>$share/</c> form.
    /// </summary>
    public static bool Matches(ReadOnlySpan<char> filter, ReadOnlySpan<char> topic)
    {
        if (!topic.IsEmpty && topic[0] == '$' && !filter.IsEmpty && filter[0] is '+' or '#')
        {
            return false;
        }

        while (true)
        {
            var filterEnd = filter.IndexOf('/');
            var filterLevel = filterEnd < 0 ? filter : filter[..filterEnd];
            if (filterLevel is "#")
            {
                return true;
            }

            var topicEnd = topic.IndexOf('/');
            var topicLevel = topicEnd < 0 ? topic : topic[..topicEnd];
            if (filterLevel is not "+" && !filterLevel.SequenceEqual(topicLevel))
            {
                return false;
            }

            if (filterEnd < 0 || topicEnd < 0)
            {
                // Both end here, or the topic ends and only "/#" is left of the filter ("a/#" matches "a").
                return filterEnd < 0 ? topicEnd < 0 : filter[(filterEnd + 1)..] is "#";
            }

            filter = filter[(filterEnd + 1)..];
            topic = topic[(topicEnd + 1)..];
        }
    }

    /// <summary>Whether the filter holds <c>+</c> or <c>#</c>.</summary>
    public static bool HasWildcards(ReadOnlySpan<char> filter) => filter.IndexOfAny('+', '#') >= 0;

    /// <summary>Whether the filter is a shared subscription (<c>$share/{ShareName}/{filter}</c>, MQTT 5 only).</summary>
    public static bool IsShared(ReadOnlySpan<char> filter) => filter.StartsWith(SharePrefix, StringComparison.Ordinal);

    /// <summary>Splits a valid shared subscription into its share name and the filter it subscribes to.</summary>
    public static bool TryParseShared(string filter, out string shareName, out string topicFilter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        shareName = string.Empty;
        topicFilter = string.Empty;
        if (!IsShared(filter) || GetError(filter, allowShared: true, out _) is not null)
        {
            return false;
        }

        var rest = filter[SharePrefix.Length..];
        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        shareName = rest[..slash];
        topicFilter = rest[(slash + 1)..];
        return true;
    }

    /// <summary>Whether <paramref name="filter"/> is a valid topic filter.</summary>
    /// <param name="filter">The filter.</param>
    /// <param name="allowShared">Whether <c>$share/</c> has its MQTT 5 meaning (false for 3.1.1, where it is an ordinary filter).</param>
    public static bool IsValid(ReadOnlySpan<char> filter, bool allowShared = true) => GetError(filter, allowShared, out _) is null;

    /// <summary>Throws <see cref="MqttProtocolViolationException"/> (Malformed Packet) naming the rule an invalid filter breaks.</summary>
    public static void Validate(string filter, bool allowShared = true)
    {
        ArgumentNullException.ThrowIfNull(filter);
        if (GetError(filter, allowShared, out var rule) is { } error)
        {
            throw new MqttProtocolViolationException(rule, MqttDisconnectReasonCode.MalformedPacket, error);
        }
    }

    private static string? GetError(ReadOnlySpan<char> filter, bool allowShared, out string rule)
    {
        if (allowShared && IsShared(filter))
        {
            var rest = filter[SharePrefix.Length..];
            var slash = rest.IndexOf('/');
            var shareName = slash < 0 ? rest : rest[..slash];
            if (shareName.IsEmpty || shareName.IndexOfAny('+', '#') >= 0)
            {
                rule = "MQTT-4.8.2-1";
                return "a ShareName must be at least one character long and must not contain '/', '+' or '#'";
            }

            if (slash < 0 || slash == rest.Length - 1)
            {
                rule = "MQTT-4.8.2-2";
                return "a ShareName must be followed by '/' and a topic filter";
            }

            filter = rest[(slash + 1)..];
        }

        if (filter.IsEmpty)
        {
            rule = "MQTT-4.7.3-1";
            return "a topic filter must be at least one character long";
        }

        while (true)
        {
            var end = filter.IndexOf('/');
            var level = end < 0 ? filter : filter[..end];
            if (level.Contains('#') && (level.Length != 1 || end >= 0))
            {
                rule = "MQTT-4.7.1-1";
                return "'#' must occupy a whole level and be the last character of the filter";
            }

            if (level.Contains('+') && level.Length != 1)
            {
                rule = "MQTT-4.7.1-2";
                return "'+' must occupy a whole level of the filter";
            }

            if (end < 0)
            {
                rule = string.Empty;
                return null;
            }

            filter = filter[(end + 1)..];
        }
    }
}
