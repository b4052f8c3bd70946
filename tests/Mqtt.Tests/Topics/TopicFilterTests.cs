using Visco.Mqtt.Packets;
using Visco.Mqtt.Topics;

namespace Visco.Mqtt.Tests.Topics;

public sealed class TopicFilterTests
{
    [Theory]
    [InlineData("sport/tennis/player1/#", "sport/tennis/player1", true)]
    [InlineData("sport/tennis/player1/#", "sport/tennis/player1/ranking", true)]
    [InlineData("sport/tennis/player1/#", "sport/tennis/player1/score/wimbledon", true)]
    [InlineData("sport/#", "sport", true)]
    [InlineData("#", "sport/tennis", true)]
    [InlineData("sport/tennis/+", "sport/tennis/player1", true)]
    [InlineData("sport/tennis/+", "sport/tennis/player1/ranking", false)]
    [InlineData("sport/+", "sport", false)]
    [InlineData("sport/+", "sport/", true)]
    [InlineData("+/+", "/finance", true)]
    [InlineData("/+", "/finance", true)]
    [InlineData("+", "/finance", false)]
    [InlineData("+/tennis/#", "sport/tennis/player1", true)]
    [InlineData("a/b", "a/b", true)]
    [InlineData("a/b", "a/bc", false)]
    [InlineData("a/b", "a", false)]
    [InlineData("A/b", "a/b", false)]
    [InlineData("#", "$SYS/broker", false)]
    [InlineData("+/monitor/Clients", "$SYS/monitor/Clients", false)]
    [InlineData("$SYS/#", "$SYS/monitor/Clients", true)]
    [InlineData("$SYS/monitor/+", "$SYS/monitor/Clients", true)]
    [InlineData("devices/+/measurements", "devices/0042/measurements", true)]
    [InlineData("devices/+/measurements", "devices/0042/results", false)]
    public void Matches_SpecExamples_AsSpecified(string filter, string topic, bool matches)
    {
        Assert.Equal(matches, TopicFilter.Matches(filter, topic));
    }

    [Theory]
    [InlineData("#", true, null)]
    [InlineData("a/#", true, null)]
    [InlineData("+", true, null)]
    [InlineData("+/+/#", true, null)]
    [InlineData("a//b", true, null)]
    [InlineData("/", true, null)]
    [InlineData("", false, "MQTT-4.7.3-1")]
    [InlineData("a/#/b", false, "MQTT-4.7.1-1")]
    [InlineData("a#", false, "MQTT-4.7.1-1")]
    [InlineData("sport/tennis#", false, "MQTT-4.7.1-1")]
    [InlineData("a+", false, "MQTT-4.7.1-2")]
    [InlineData("sport+", false, "MQTT-4.7.1-2")]
    [InlineData("$share/group/a/+", true, null)]
    [InlineData("$share//a", false, "MQTT-4.8.2-1")]
    [InlineData("$share/g+/a", false, "MQTT-4.8.2-1")]
    [InlineData("$share/g", false, "MQTT-4.8.2-2")]
    [InlineData("$share/g/", false, "MQTT-4.8.2-2")]
    public void Validate_Filters_RuleNamed(string filter, bool valid, string? rule)
    {
        Assert.Equal(valid, TopicFilter.IsValid(filter));
        if (valid)
        {
            TopicFilter.Validate(filter);
            return;
        }

        var ex = Assert.Throws<MqttProtocolViolationException>(() => TopicFilter.Validate(filter));
        Assert.Equal(rule, ex.Rule);
        Assert.Equal(MqttDisconnectReasonCode.MalformedPacket, ex.ReasonCode);
    }

    [Fact]
    public void Validate_ShareSyntaxIn311_IsAnOrdinaryFilter()
    {
        Assert.True(TopicFilter.IsValid("$share/g", allowShared: false));
        Assert.False(TopicFilter.IsValid("$share/g", allowShared: true));
    }

    [Fact]
    public void TryParseShared_ValidShare_SplitsNameAndFilter()
    {
        Assert.True(TopicFilter.TryParseShared("$share/pool/devices/+/measurements", out var share, out var filter));
        Assert.Equal("pool", share);
        Assert.Equal("devices/+/measurements", filter);
        Assert.False(TopicFilter.TryParseShared("devices/#", out _, out _));
    }

    [Theory]
    [InlineData("a/b", true)]
    [InlineData("/", true)]
    [InlineData("$SYS/x", true)]
    [InlineData("", false)]
    [InlineData("a/+", false)]
    [InlineData("a/#", false)]
    public void TopicName_IsValid_NoWildcardsNotEmpty(string topic, bool valid)
    {
        Assert.Equal(valid, TopicName.IsValid(topic));
        Assert.Equal(topic.Contains('+') || topic.Contains('#'), TopicFilter.HasWildcards(topic));
    }
}
