using System.Text;

using Visco.Mqtt.Codec;
using Visco.Mqtt.Packets;
using Visco.Mqtt.Tests.Support;

namespace Visco.Mqtt.Tests.Codec;

/// <summary>Hand-built frames from the specification's encoding rules, checked in both directions.</summary>
public sealed class MqttGoldenBytesTests
{
    private const MqttProtocolVersion V3 = MqttProtocolVersion.V311;
    private const MqttProtocolVersion V5 = MqttProtocolVersion.V500;

    public static TheoryData<MqttProtocolVersion, string, MqttPacket> Frames() => new()
    {
        { V3, "C0 00", MqttPingReqPacket.Instance },
        { V5, "D0 00", MqttPingRespPacket.Instance },
        { V3, "10 0F 00 04 4D 51 54 54 04 02 00 3C 00 03 61 62 63", new MqttConnectPacket { ProtocolVersion = V3, ClientId = "abc", CleanStart = true, KeepAliveSeconds = 60 } },
        { V5, "10 10 00 04 4D 51 54 54 05 02 00 3C 00 00 03 61 62 63", new MqttConnectPacket { ProtocolVersion = V5, ClientId = "abc", CleanStart = true, KeepAliveSeconds = 60 } },
        {
            V3, "10 1A 00 04 4D 51 54 54 04 CE 00 0A 00 01 63 00 01 77 00 01 78 00 01 75 00 02 70 77",
            new MqttConnectPacket
            {
                ProtocolVersion = V3, ClientId = "c", CleanStart = true, KeepAliveSeconds = 10, UserName = "u", Password = "pw"u8.ToArray(),
                Will = new MqttWillMessage { Topic = "w", Payload = "x"u8.ToArray(), QualityOfService = MqttQualityOfService.AtLeastOnce },
            }
        },
        { V3, "20 02 01 00", new MqttConnAckPacket { SessionPresent = true } },
        { V3, "20 02 00 04", new MqttConnAckPacket { ReasonCode = MqttConnectReasonCode.BadUserNameOrPassword } },
        { V5, "20 03 00 00 00", new MqttConnAckPacket() },
        { V5, "20 08 00 87 05 1F 00 02 6E 6F", new MqttConnAckPacket { ReasonCode = MqttConnectReasonCode.NotAuthorized, ReasonString = "no" } },
        { V3, "30 07 00 03 61 2F 62 68 69", new MqttPublishPacket { Topic = "a/b", Payload = "hi"u8.ToArray() } },
        { V5, "30 08 00 03 61 2F 62 00 68 69", new MqttPublishPacket { Topic = "a/b", Payload = "hi"u8.ToArray() } },
        { V3, "3B 09 00 03 61 2F 62 00 0A 68 69", new MqttPublishPacket { Topic = "a/b", Payload = "hi"u8.ToArray(), QualityOfService = MqttQualityOfService.AtLeastOnce, Dup = true, Retain = true, PacketId = 10 } },
        { V5, "34 0E 00 01 74 00 01 07 01 01 02 00 00 00 3C 78", new MqttPublishPacket { Topic = "t", Payload = "x"u8.ToArray(), QualityOfService = MqttQualityOfService.ExactlyOnce, PacketId = 1, PayloadFormatIndicator = MqttPayloadFormatIndicator.CharacterData, MessageExpiryInterval = 60 } },
        { V5, "30 07 00 00 03 23 00 05 7A", new MqttPublishPacket { Topic = string.Empty, TopicAlias = 5, Payload = "z"u8.ToArray() } },
        { V3, "40 02 00 0A", new MqttPubAckPacket { PacketId = 10 } },
        { V5, "40 02 00 0A", new MqttPubAckPacket { PacketId = 10 } },
        { V5, "40 03 00 0A 10", new MqttPubAckPacket { PacketId = 10, ReasonCode = MqttPubAckReasonCode.NoMatchingSubscribers } },
        { V5, "50 03 00 0B 80", new MqttPubRecPacket { PacketId = 11, ReasonCode = MqttPubRecReasonCode.UnspecifiedError } },
        { V3, "62 02 00 0A", new MqttPubRelPacket { PacketId = 10 } },
        { V5, "70 03 01 00 92", new MqttPubCompPacket { PacketId = 256, ReasonCode = MqttPubCompReasonCode.PacketIdentifierNotFound } },
        { V3, "82 08 00 01 00 03 61 2F 2B 01", new MqttSubscribePacket { PacketId = 1, Subscriptions = [new MqttSubscription("a/+", MqttQualityOfService.AtLeastOnce)] } },
        { V5, "82 0B 00 01 02 0B 05 00 03 61 2F 23 2D", new MqttSubscribePacket { PacketId = 1, SubscriptionIdentifier = 5, Subscriptions = [new MqttSubscription("a/#", MqttQualityOfService.AtLeastOnce) { NoLocal = true, RetainAsPublished = true, RetainHandling = MqttRetainHandling.DoNotSend }] } },
        { V3, "90 03 00 01 01", new MqttSubAckPacket { PacketId = 1, ReasonCodes = [MqttSubAckReasonCode.GrantedQoS1] } },
        { V3, "90 04 00 01 80 02", new MqttSubAckPacket { PacketId = 1, ReasonCodes = [MqttSubAckReasonCode.UnspecifiedError, MqttSubAckReasonCode.GrantedQoS2] } },
        { V5, "90 04 00 01 00 A2", new MqttSubAckPacket { PacketId = 1, ReasonCodes = [MqttSubAckReasonCode.WildcardSubscriptionsNotSupported] } },
        { V3, "A2 07 00 01 00 03 61 2F 2B", new MqttUnsubscribePacket { PacketId = 1, TopicFilters = ["a/+"] } },
        { V5, "A2 08 00 01 00 00 03 61 2F 2B", new MqttUnsubscribePacket { PacketId = 1, TopicFilters = ["a/+"] } },
        { V3, "B0 02 00 01", new MqttUnsubAckPacket { PacketId = 1 } },
        { V5, "B0 05 00 01 00 00 11", new MqttUnsubAckPacket { PacketId = 1, ReasonCodes = [MqttUnsubAckReasonCode.Success, MqttUnsubAckReasonCode.NoSubscriptionExisted] } },
        { V3, "E0 00", new MqttDisconnectPacket() },
        { V5, "E0 00", new MqttDisconnectPacket() },
        { V5, "E0 01 04", new MqttDisconnectPacket { ReasonCode = MqttDisconnectReasonCode.DisconnectWithWillMessage } },
        { V5, "E0 07 00 05 11 00 00 00 00", new MqttDisconnectPacket { SessionExpiryInterval = 0 } },
        { V5, "F0 00", new MqttAuthPacket() },
        { V5, "F0 08 18 06 15 00 03 61 62 63", new MqttAuthPacket { ReasonCode = MqttAuthReasonCode.ContinueAuthentication, AuthenticationMethod = "abc" } },
    };

    [Theory]
    [MemberData(nameof(Frames))]
    public void Read_SpecFrame_YieldsPacket(MqttProtocolVersion version, string hex, MqttPacket expected)
    {
        PacketAssert.Equivalent(expected, Wire.Decode(Wire.Hex(hex), version));
    }

    [Theory]
    [MemberData(nameof(Frames))]
    public void Write_Packet_YieldsSpecFrame(MqttProtocolVersion version, string hex, MqttPacket packet)
    {
        Assert.Equal(Convert.ToHexString(Wire.Hex(hex)), Convert.ToHexString(Wire.Encode(packet, version)));
    }

    [Theory]
    [InlineData("40 04 00 0A 00 00", 10)]
    [InlineData("40 03 00 0A 00", 10)]
    public void Read_V5AckLongForms_AcceptedAsSuccess(string hex, ushort packetId)
    {
        var ack = (MqttPubAckPacket)Wire.Decode(Wire.Hex(hex), V5);

        Assert.Equal(packetId, ack.PacketId);
        Assert.Equal(MqttPubAckReasonCode.Success, ack.ReasonCode);
    }

    [Theory]
    [InlineData(0u, "00")]
    [InlineData(127u, "7F")]
    [InlineData(128u, "8001")]
    [InlineData(16_383u, "FF7F")]
    [InlineData(16_384u, "808001")]
    [InlineData(2_097_151u, "FFFF7F")]
    [InlineData(2_097_152u, "80808001")]
    [InlineData(268_435_455u, "FFFFFF7F")]
    public void VariableByteInteger_SpecBoundaries_EncodeAndDecode(uint value, string hex)
    {
        var buffer = new byte[4];
        var written = MqttVariableByteInteger.Write(value, buffer);

        Assert.Equal(hex, Convert.ToHexString(buffer, 0, written));
        Assert.Equal(written, MqttVariableByteInteger.GetSize(value));
        Assert.Equal(System.Buffers.OperationStatus.Done, MqttVariableByteInteger.TryRead(Wire.Hex(hex), out var decoded, out var consumed));
        Assert.Equal(value, decoded);
        Assert.Equal(written, consumed);
    }

    [Fact]
    public void Read_Utf8TopicFromSpecExample_DecodesCharacters()
    {
        // MQTT 5.0 §1.5.4 example: U+2A6D4 is encoded as F0 AA 9B 94.
        var frame = Wire.Frame(0x30, "00 04 F0 AA 9B 94");

        var packet = (MqttPublishPacket)Wire.Decode(frame, V3);

        Assert.Equal(char.ConvertFromUtf32(0x2A6D4), packet.Topic);
        Assert.Equal(4, Encoding.UTF8.GetByteCount(packet.Topic));
    }
}
