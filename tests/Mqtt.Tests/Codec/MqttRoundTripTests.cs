using Visco.Mqtt.Codec;
using Visco.Mqtt.Packets;
using Visco.Mqtt.Tests.Support;

namespace Visco.Mqtt.Tests.Codec;

public sealed class MqttRoundTripTests
{
    public static TheoryData<MqttProtocolVersion, string> Samples()
    {
        var data = new TheoryData<MqttProtocolVersion, string>();
        foreach (var version in new[] { MqttProtocolVersion.V311, MqttProtocolVersion.V500 })
        {
            foreach (var (name, _) in PacketSamples.All(version))
            {
                data.Add(version, name);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void WriteThenRead_EveryFieldSet_SamePacket(MqttProtocolVersion version, string name)
    {
        var packet = PacketSamples.All(version).Single(s => s.Name == name).Packet;

        var bytes = Wire.Encode(packet, version);
        var decoded = Wire.Decode(bytes, version);

        PacketAssert.Equivalent(packet, decoded);
        Assert.Equal(bytes, Wire.Encode(decoded, version));
        Assert.Equal(bytes.Length, new MqttPacketWriter(version).Measure(packet));
    }

    [Fact]
    public void Samples_CoverEveryPacketTypeOfEachVersion()
    {
        foreach (var version in new[] { MqttProtocolVersion.V311, MqttProtocolVersion.V500 })
        {
            var covered = PacketSamples.All(version).Select(s => s.Packet.PacketType).ToHashSet();
            var expected = Enum.GetValues<MqttPacketType>()
                .Where(t => version == MqttProtocolVersion.V500 || t != MqttPacketType.Auth);
            Assert.All(expected, t => Assert.Contains(t, covered));
        }
    }

    [Fact]
    public void Write_LargePayload_RemainingLengthUsesFourBytesAndReadsBack()
    {
        var payload = new byte[2_097_152 + 17];
        new Random(7).NextBytes(payload);
        var packet = new MqttPublishPacket { Topic = "big", Payload = payload, QualityOfService = MqttQualityOfService.AtLeastOnce, PacketId = 1 };

        var bytes = Wire.Encode(packet, MqttProtocolVersion.V500);
        var decoded = (MqttPublishPacket)Wire.Decode(bytes, MqttProtocolVersion.V500);

        Assert.Equal(0x80, bytes[1] & bytes[2] & bytes[3] & 0x80);
        Assert.Equal(0, bytes[4] & 0x80);
        Assert.True(payload.AsSpan().SequenceEqual(decoded.Payload.Span));
    }

    [Fact]
    public void Write_PacketLargerThanPeerMaximum_ThrowsPacketTooLargeAndWritesNothing()
    {
        var writer = new MqttPacketWriter(MqttProtocolVersion.V500, maximumPacketSize: 64);
        var output = new System.Buffers.ArrayBufferWriter<byte>();

        var ex = Assert.Throws<MqttProtocolViolationException>(
            () => writer.Write(new MqttPublishPacket { Topic = "t", Payload = new byte[100] }, output));

        Assert.Equal(MqttDisconnectReasonCode.PacketTooLarge, ex.ReasonCode);
        Assert.Equal(0, output.WrittenCount);
    }

    [Fact]
    public void Write_V311Connack_MapsReasonCodeToReturnCode()
    {
        var bytes = Wire.Encode(new MqttConnAckPacket { ReasonCode = MqttConnectReasonCode.Banned }, MqttProtocolVersion.V311);

        Assert.Equal(Wire.Hex("20 02 00 05"), bytes);
    }

    [Theory]
    [InlineData(MqttConnectReasonCode.Success, MqttConnectReturnCode.Accepted)]
    [InlineData(MqttConnectReasonCode.UnsupportedProtocolVersion, MqttConnectReturnCode.UnacceptableProtocolVersion)]
    [InlineData(MqttConnectReasonCode.ClientIdentifierNotValid, MqttConnectReturnCode.IdentifierRejected)]
    [InlineData(MqttConnectReasonCode.ServerUnavailable, MqttConnectReturnCode.ServerUnavailable)]
    [InlineData(MqttConnectReasonCode.BadUserNameOrPassword, MqttConnectReturnCode.BadUserNameOrPassword)]
    [InlineData(MqttConnectReasonCode.NotAuthorized, MqttConnectReturnCode.NotAuthorized)]
    public void ReasonCodeMapping_ThreeOneOneCodes_RoundTrip(MqttConnectReasonCode reason, MqttConnectReturnCode returnCode)
    {
        Assert.Equal(returnCode, MqttConnectReasonCodeMapping.ToReturnCode(reason));
        Assert.Equal(reason, MqttConnectReasonCodeMapping.ToReasonCode(returnCode));
    }
}
