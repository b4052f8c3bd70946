using System.Buffers;

using Visco.Mqtt.Codec;
using Visco.Mqtt.Packets;
using Visco.Mqtt.Tests.Support;

namespace Visco.Mqtt.Tests.Codec;

/// <summary>Each normative violation yields the rule it breaks and the reason code a server answers with.</summary>
public sealed class MqttMalformedInputTests
{
    private const MqttProtocolVersion V3 = MqttProtocolVersion.V311;
    private const MqttProtocolVersion V5 = MqttProtocolVersion.V500;
    private const MqttDisconnectReasonCode Malformed = MqttDisconnectReasonCode.MalformedPacket;
    private const MqttDisconnectReasonCode Protocol = MqttDisconnectReasonCode.ProtocolError;

    public static TheoryData<string, MqttProtocolVersion, byte[], string, MqttDisconnectReasonCode> AfterConnect() => new()
    {
        { "reserved type 0", V5, Wire.Hex("00 00"), "§2.1.2", Malformed },
        { "AUTH in 3.1.1", V3, Wire.Hex("F0 00"), "§2.2.1", Malformed },
        { "PINGREQ flags", V3, Wire.Hex("C1 00"), "MQTT-2.1.3-1", Malformed },
        { "PUBACK flags", V5, Wire.Hex("48 02 00 01"), "MQTT-2.1.3-1", Malformed },
        { "PUBREL flags 0", V3, Wire.Hex("60 02 00 01"), "MQTT-3.6.1-1", Malformed },
        { "SUBSCRIBE flags 0", V3, Wire.Frame(0x80, "00 01 00 01 61 00"), "MQTT-3.8.1-1", Malformed },
        { "UNSUBSCRIBE flags 0", V3, Wire.Frame(0xA0, "00 01 00 01 61"), "MQTT-3.10.1-1", Malformed },
        { "PUBLISH QoS 3", V3, Wire.Frame(0x36, "00 01 74 00 01"), "MQTT-3.3.1-4", Malformed },
        { "PUBLISH QoS 0 with DUP", V3, Wire.Frame(0x38, "00 01 74"), "MQTT-3.3.1-2", Malformed },
        { "five-byte remaining length", V5, Wire.Hex("C0 80 80 80 80 01"), "§1.5.5", Malformed },
        { "over-long remaining length", V5, Wire.Hex("30 80 00"), "MQTT-1.5.5-1", Malformed },
        { "PINGREQ with a body", V3, Wire.Hex("C0 01 00"), "§2.1.4", Malformed },
        { "3.1.1 PUBACK of 3 bytes", V3, Wire.Hex("40 03 00 01 00"), "§2.1.4", Malformed },
        { "3.1.1 DISCONNECT with a body", V3, Wire.Hex("E0 01 00"), "§2.1.4", Malformed },
        { "topic name with +", V3, Wire.Frame(0x30, "00 03 61 2F 2B"), "MQTT-3.3.2-2", MqttDisconnectReasonCode.TopicNameInvalid },
        { "topic name with #", V5, Wire.Frame(0x30, "00 01 23 00"), "MQTT-3.3.2-2", MqttDisconnectReasonCode.TopicNameInvalid },
        { "empty topic in 3.1.1", V3, Wire.Frame(0x30, "00 00"), "MQTT-4.7.3-1", MqttDisconnectReasonCode.TopicNameInvalid },
        { "empty topic without alias", V5, Wire.Frame(0x30, "00 00 00"), "MQTT-4.7.3-1", MqttDisconnectReasonCode.TopicNameInvalid },
        { "QoS 1 packet id 0", V3, Wire.Frame(0x32, "00 03 61 2F 62 00 00"), "MQTT-2.2.1-3", Protocol },
        { "ill-formed UTF-8", V3, Wire.Frame(0x30, "00 02 C3 28"), "MQTT-1.5.4-1", Malformed },
        { "over-long UTF-8", V3, Wire.Frame(0x30, "00 02 C0 AF"), "MQTT-1.5.4-1", Malformed },
        { "encoded surrogate", V3, Wire.Frame(0x30, "00 03 ED A0 80"), "MQTT-1.5.4-1", Malformed },
        { "U+0000 in topic", V5, Wire.Frame(0x30, "00 02 61 00 00"), "MQTT-1.5.4-2", Malformed },
        { "string past the end", V3, Wire.Frame(0x30, "00 05 61"), "§2.1.4", Malformed },
        { "duplicate property", V5, Wire.Frame(0x30, "00 01 74 04 01 00 01 00"), "§2.2.2.2", Protocol },
        { "property not allowed in PUBLISH", V5, Wire.Frame(0x30, "00 01 74 05 11 00 00 00 01"), "§2.2.2.2", Malformed },
        { "unknown property", V5, Wire.Frame(0x30, "00 01 74 02 7F 00"), "§2.2.2.2", Malformed },
        { "topic alias 0", V5, Wire.Frame(0x30, "00 01 74 03 23 00 00"), "MQTT-3.3.2-8", MqttDisconnectReasonCode.TopicAliasInvalid },
        { "subscription identifier 0", V5, Wire.Frame(0x30, "00 01 74 02 0B 00"), "§3.8.2.1.2", Protocol },
        { "payload format 2", V5, Wire.Frame(0x30, "00 01 74 02 01 02"), "§2.2.2.2", Protocol },
        { "property length past the end", V5, Wire.Frame(0x30, "00 01 74 09 00"), "§2.2.2.1", Malformed },
        { "response topic with wildcard", V5, Wire.Frame(0x30, "00 01 74 04 08 00 01 23"), "MQTT-3.3.2-14", Protocol },
        { "SUBSCRIBE without filters 3.1.1", V3, Wire.Frame(0x82, "00 01"), "MQTT-3.8.3-3", Protocol },
        { "SUBSCRIBE without filters 5.0", V5, Wire.Frame(0x82, "00 01 00"), "MQTT-3.8.3-2", Protocol },
        { "SUBSCRIBE packet id 0", V3, Wire.Frame(0x82, "00 00 00 01 61 00"), "MQTT-2.2.1-3", Protocol },
        { "3.1.1 subscription reserved bits", V3, Wire.Frame(0x82, "00 01 00 01 61 04"), "MQTT-3.8.3-4", Malformed },
        { "5.0 subscription reserved bits", V5, Wire.Frame(0x82, "00 01 00 00 01 61 C0"), "MQTT-3.8.3-5", Malformed },
        { "subscription QoS 3", V5, Wire.Frame(0x82, "00 01 00 00 01 61 03"), "§3.8.3.1", Malformed },
        { "retain handling 3", V5, Wire.Frame(0x82, "00 01 00 00 01 61 30"), "§3.8.3.1", Protocol },
        { "# not last", V5, Wire.Frame(0x82, "00 01 00 00 03 23 2F 61 00"), "MQTT-4.7.1-1", Malformed },
        { "# not alone in its level", V3, Wire.Frame(0x82, "00 01 00 02 61 23 00"), "MQTT-4.7.1-1", Malformed },
        { "+ not alone in its level", V5, Wire.Frame(0x82, "00 01 00 00 02 61 2B 00"), "MQTT-4.7.1-2", Malformed },
        { "empty topic filter", V3, Wire.Frame(0x82, "00 01 00 00 00"), "MQTT-4.7.3-1", Malformed },
        { "no local on shared subscription", V5, Wire.Frame(0x82, "00 01 00 00 0A 24 73 68 61 72 65 2F 67 2F 61 04"), "MQTT-3.8.3-4", Protocol },
        { "empty share name", V5, Wire.Frame(0x82, "00 01 00 00 09 24 73 68 61 72 65 2F 2F 61 00"), "MQTT-4.8.2-1", Malformed },
        { "share name without filter", V5, Wire.Frame(0x82, "00 01 00 00 08 24 73 68 61 72 65 2F 67 00"), "MQTT-4.8.2-2", Malformed },
        { "two subscription identifiers", V5, Wire.Frame(0x82, "00 01 04 0B 01 0B 02 00 01 61 00"), "§2.2.2.2", Protocol },
        { "UNSUBSCRIBE without filters", V3, Wire.Frame(0xA2, "00 01"), "MQTT-3.10.3-2", Protocol },
        { "UNSUBSCRIBE invalid filter", V5, Wire.Frame(0xA2, "00 01 00 00 02 23 23"), "MQTT-4.7.1-1", Malformed },
        { "PUBACK reason 0x05", V5, Wire.Frame(0x40, "00 01 05"), "MQTT-3.4.2-1", Protocol },
        { "PUBREC reason 0x92", V5, Wire.Frame(0x50, "00 01 92"), "MQTT-3.5.2-1", Protocol },
        { "PUBREL reason 0x10", V5, Wire.Frame(0x62, "00 01 10"), "MQTT-3.6.2-1", Protocol },
        { "PUBCOMP reason 0x80", V5, Wire.Frame(0x70, "00 01 80"), "MQTT-3.7.2-1", Protocol },
        { "PUBACK packet id 0", V5, Wire.Frame(0x40, "00 00"), "MQTT-2.2.1-3", Protocol },
        { "bytes after the last field", V5, Wire.Frame(0x40, "00 01 00 00 FF"), "§2.1.4", Malformed },
        { "SUBACK reason 0x03 in 3.1.1", V3, Wire.Frame(0x90, "00 01 03"), "MQTT-3.9.3-2", Protocol },
        { "SUBACK unknown reason", V5, Wire.Frame(0x90, "00 01 00 05"), "MQTT-3.9.3-1", Protocol },
        { "UNSUBACK unknown reason", V5, Wire.Frame(0xB0, "00 01 00 01"), "MQTT-3.11.3-1", Protocol },
        { "DISCONNECT unknown reason", V5, Wire.Hex("E0 01 01"), "MQTT-3.14.2-1", Protocol },
        { "DISCONNECT property not allowed", V5, Wire.Frame(0xE0, "00 02 23 00"), "§2.2.2.2", Malformed },
        { "CONNACK reserved flags", V3, Wire.Hex("20 02 02 00"), "MQTT-3.2.2-1", Malformed },
        { "CONNACK session present on failure", V5, Wire.Frame(0x20, "01 80 00"), "MQTT-3.2.2-6", Protocol },
        { "CONNACK return code 6", V3, Wire.Hex("20 02 00 06"), "§3.2.2.3", Protocol },
        { "CONNACK unknown reason", V5, Wire.Frame(0x20, "00 01 00"), "MQTT-3.2.2-8", Protocol },
        { "CONNACK receive maximum 0", V5, Wire.Frame(0x20, "00 00 03 21 00 00"), "§3.1.2.11.3", Protocol },
        { "CONNACK maximum QoS 2", V5, Wire.Frame(0x20, "00 00 02 24 02"), "§2.2.2.2", Protocol },
        { "CONNACK maximum packet size 0", V5, Wire.Frame(0x20, "00 00 05 27 00 00 00 00"), "§3.1.2.11.4", Protocol },
        { "CONNACK auth data without method", V5, Wire.Frame(0x20, "00 00 04 16 00 01 AA"), "§3.1.2.11.10", Protocol },
        { "CONNACK without properties in 5.0", V5, Wire.Hex("20 02 00 00"), "§2.1.4", Malformed },
        { "AUTH continue without method", V5, Wire.Frame(0xF0, "18 00"), "§3.15.2.2.2", Protocol },
        { "AUTH unknown reason", V5, Wire.Hex("F0 01 01"), "MQTT-3.15.2-1", Protocol },
        { "second CONNECT", V5, Wire.Frame(0x10, "00 04 4D 51 54 54 05 02 00 00 00 00 00"), "MQTT-3.1.0-2", Protocol },
    };

    public static TheoryData<string, byte[], string, MqttConnectReasonCode> Connects() => new()
    {
        { "first packet not CONNECT", Wire.Hex("C0 00"), "MQTT-3.1.0-1", MqttConnectReasonCode.ProtocolError },
        { "CONNECT flags in fixed header", Wire.Frame(0x11, "00 04 4D 51 54 54 04 02 00 00 00 00"), "MQTT-2.1.3-1", MqttConnectReasonCode.MalformedPacket },
        { "protocol name MQTX", Wire.Frame(0x10, "00 04 4D 51 54 58 04 02 00 00 00 00"), "MQTT-3.1.2-1", MqttConnectReasonCode.UnsupportedProtocolVersion },
        { "MQTT 3.1 (MQIsdp)", Wire.Frame(0x10, "00 06 4D 51 49 73 64 70 03 02 00 00 00 00"), "MQTT-3.1.2-1", MqttConnectReasonCode.UnsupportedProtocolVersion },
        { "protocol level 3", Wire.Frame(0x10, "00 04 4D 51 54 54 03 02 00 00 00 00"), "MQTT-3.1.2-2", MqttConnectReasonCode.UnsupportedProtocolVersion },
        { "protocol level 6", Wire.Frame(0x10, "00 04 4D 51 54 54 06 02 00 00 00 00"), "MQTT-3.1.2-2", MqttConnectReasonCode.UnsupportedProtocolVersion },
        { "reserved connect flag", Wire.Frame(0x10, "00 04 4D 51 54 54 04 03 00 00 00 00"), "MQTT-3.1.2-3", MqttConnectReasonCode.MalformedPacket },
        { "will QoS 3", Wire.Frame(0x10, "00 04 4D 51 54 54 04 1E 00 00 00 00 00 01 77 00 00"), "MQTT-3.1.2-12", MqttConnectReasonCode.MalformedPacket },
        { "will QoS without will flag", Wire.Frame(0x10, "00 04 4D 51 54 54 04 0A 00 00 00 00"), "MQTT-3.1.2-11", MqttConnectReasonCode.MalformedPacket },
        { "will retain without will flag", Wire.Frame(0x10, "00 04 4D 51 54 54 05 22 00 00 00 00 00"), "MQTT-3.1.2-13", MqttConnectReasonCode.MalformedPacket },
        { "3.1.1 password without user name", Wire.Frame(0x10, "00 04 4D 51 54 54 04 42 00 00 00 01 63 00 01 70"), "MQTT-3.1.2-22", MqttConnectReasonCode.MalformedPacket },
        { "3.1.1 empty client id keeping session", Wire.Frame(0x10, "00 04 4D 51 54 54 04 00 00 00 00 00"), "MQTT-3.1.3-8", MqttConnectReasonCode.ClientIdentifierNotValid },
        { "will topic with wildcard", Wire.Frame(0x10, "00 04 4D 51 54 54 05 06 00 00 00 00 00 00 00 01 23 00 00"), "MQTT-3.3.2-2", MqttConnectReasonCode.TopicNameInvalid },
        { "client id ill-formed UTF-8", Wire.Frame(0x10, "00 04 4D 51 54 54 04 02 00 00 00 01 FF"), "MQTT-1.5.4-1", MqttConnectReasonCode.MalformedPacket },
        { "duplicate session expiry", Wire.Frame(0x10, "00 04 4D 51 54 54 05 02 00 00 0A 11 00 00 00 01 11 00 00 00 02 00 00"), "§2.2.2.2", MqttConnectReasonCode.ProtocolError },
        { "receive maximum 0", Wire.Frame(0x10, "00 04 4D 51 54 54 05 02 00 00 03 21 00 00 00 00"), "§3.1.2.11.3", MqttConnectReasonCode.ProtocolError },
        { "request problem information 2", Wire.Frame(0x10, "00 04 4D 51 54 54 05 02 00 00 02 17 02 00 00"), "§2.2.2.2", MqttConnectReasonCode.ProtocolError },
        { "will property not allowed", Wire.Frame(0x10, "00 04 4D 51 54 54 05 06 00 00 00 00 00 02 23 01 00 01 77 00 00"), "§2.2.2.2", MqttConnectReasonCode.MalformedPacket },
        { "truncated CONNECT", Wire.Frame(0x10, "00 04 4D 51 54 54 04"), "§2.1.4", MqttConnectReasonCode.MalformedPacket },
    };

    [Theory]
    [MemberData(nameof(AfterConnect))]
    public void TryRead_Violation_ThrowsWithRuleAndReason(
        string name, MqttProtocolVersion version, byte[] frame, string rule, MqttDisconnectReasonCode reason)
    {
        var buffer = new ReadOnlySequence<byte>(frame);

        var ex = Assert.Throws<MqttProtocolViolationException>(() => new MqttPacketReader(version).TryRead(ref buffer, out _));

        Assert.True(rule == ex.Rule, $"{name}: expected {rule}, got {ex.Rule}: {ex.Message}");
        Assert.Equal(reason, ex.ReasonCode);
        Assert.StartsWith($"[{rule}] ", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Connects))]
    public void TryReadConnect_Violation_ThrowsWithRuleAndConnackReason(
        string name, byte[] frame, string rule, MqttConnectReasonCode reason)
    {
        var buffer = new ReadOnlySequence<byte>(frame);

        var ex = Assert.Throws<MqttProtocolViolationException>(
            () => MqttPacketReader.TryReadConnect(ref buffer, MqttLimits.MaxPacketSize, out _));

        Assert.True(rule == ex.Rule, $"{name}: expected {rule}, got {ex.Rule}: {ex.Message}");
        Assert.Equal(reason, ex.ConnectReasonCode);
    }

    [Theory]
    [InlineData(MqttProtocolVersion.V311)]
    [InlineData(MqttProtocolVersion.V500)]
    public void TryRead_HeaderAnnouncing256MegabytesOverLimit_FailsAtOnceWithoutAllocating(MqttProtocolVersion version)
    {
        var reader = new MqttPacketReader(version, maximumPacketSize: 1024 * 1024);
        var buffer = new ReadOnlySequence<byte>(Wire.Hex("30 FF FF FF 7F"));
        var before = GC.GetAllocatedBytesForCurrentThread();

        var ex = Assert.Throws<MqttProtocolViolationException>(() => reader.TryRead(ref buffer, out _));

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(MqttDisconnectReasonCode.PacketTooLarge, ex.ReasonCode);
        Assert.Equal(MqttConnectReasonCode.PacketTooLarge, ex.ConnectReasonCode);
        Assert.True(allocated < 64 * 1024, $"allocated {allocated} bytes");
    }

    [Fact]
    public void TryRead_HeaderAnnouncing256MegabytesWithinLimit_WaitsWithoutAllocating()
    {
        var reader = new MqttPacketReader(MqttProtocolVersion.V500);
        var buffer = new ReadOnlySequence<byte>(Wire.Hex("30 FF FF FF 7F 00 01"));
        reader.TryRead(ref buffer, out _);
        var before = GC.GetAllocatedBytesForCurrentThread();

        var status = OperationStatus.Done;
        for (var i = 0; i < 1000; i++)
        {
            status = reader.TryRead(ref buffer, out _);
        }

        // A thousand waits cost less than one kilobyte in total: nothing is allocated per call, let alone 256 MB.
        Assert.Equal(OperationStatus.NeedMoreData, status);
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 1024);
    }

    [Fact]
    public void TryReadConnect_OverMaximumPacketSize_AnswersPacketTooLarge()
    {
        var frame = Wire.Encode(PacketSamples.Connect(MqttProtocolVersion.V500), MqttProtocolVersion.V500);
        var buffer = new ReadOnlySequence<byte>(frame, 0, 5);

        var ex = Assert.Throws<MqttProtocolViolationException>(() => MqttPacketReader.TryReadConnect(ref buffer, 32, out _));

        Assert.Equal(MqttConnectReasonCode.PacketTooLarge, ex.ConnectReasonCode);
    }

    [Fact]
    public void Write_InvalidPackets_ThrowBeforeWriting()
    {
        var writer = new MqttPacketWriter(MqttProtocolVersion.V500);
        var output = new ArrayBufferWriter<byte>();

        Assert.Equal("MQTT-3.3.2-2", Assert.Throws<MqttProtocolViolationException>(() => writer.Write(new MqttPublishPacket { Topic = "a/#" }, output)).Rule);
        Assert.Equal("MQTT-2.2.1-3", Assert.Throws<MqttProtocolViolationException>(() => writer.Write(new MqttPublishPacket { Topic = "a", QualityOfService = MqttQualityOfService.AtLeastOnce }, output)).Rule);
        Assert.Equal("MQTT-3.3.1-2", Assert.Throws<MqttProtocolViolationException>(() => writer.Write(new MqttPublishPacket { Topic = "a", Dup = true }, output)).Rule);
        Assert.Equal("MQTT-4.7.1-2", Assert.Throws<MqttProtocolViolationException>(() => writer.Write(new MqttSubscribePacket { PacketId = 1, Subscriptions = [new("a+")] }, output)).Rule);
        Assert.Equal("MQTT-3.8.3-2", Assert.Throws<MqttProtocolViolationException>(() => writer.Write(new MqttSubscribePacket { PacketId = 1 }, output)).Rule);
        Assert.Equal("§2.2.1", Assert.Throws<MqttProtocolViolationException>(() => new MqttPacketWriter(MqttProtocolVersion.V311).Write(new MqttAuthPacket(), output)).Rule);
        Assert.Equal(0, output.WrittenCount);
    }
}
