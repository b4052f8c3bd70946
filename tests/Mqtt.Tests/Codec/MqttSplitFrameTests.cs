using System.Buffers;

using Visco.Mqtt.Codec;
using Visco.Mqtt.Packets;
using Visco.Mqtt.Tests.Support;

namespace Visco.Mqtt.Tests.Codec;

/// <summary>Every frame split at every byte index, and fed byte by byte, reads the same as when whole.</summary>
public sealed class MqttSplitFrameTests
{
    public static TheoryData<MqttProtocolVersion, string> Samples() => MqttRoundTripTests.Samples();

    [Theory]
    [MemberData(nameof(Samples))]
    public void TryRead_FrameSplitAtEveryIndex_SamePacket(MqttProtocolVersion version, string name)
    {
        var packet = PacketSamples.All(version).Single(s => s.Name == name).Packet;
        var bytes = Wire.Encode(packet, version);

        for (var cut = 1; cut < bytes.Length; cut++)
        {
            PacketAssert.Equivalent(packet, Wire.Decode(Segments.Split(bytes, cut), version), $"{name} cut at {cut}");
        }

        for (var cut = 1; cut + 1 < bytes.Length; cut++)
        {
            PacketAssert.Equivalent(packet, Wire.Decode(Segments.Split(bytes, cut, cut + 1), version), $"{name} cut at {cut} and {cut + 1}");
        }
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void TryRead_EveryPrefix_NeedsMoreDataAndLeavesBufferAlone(MqttProtocolVersion version, string name)
    {
        var packet = PacketSamples.All(version).Single(s => s.Name == name).Packet;
        var bytes = Wire.Encode(packet, version);
        var isConnect = packet is MqttConnectPacket;
        var reader = new MqttPacketReader(version);

        for (var length = 0; length < bytes.Length; length++)
        {
            var buffer = new ReadOnlySequence<byte>(bytes, 0, length);
            var status = isConnect
                ? MqttPacketReader.TryReadConnect(ref buffer, MqttLimits.MaxPacketSize, out _)
                : reader.TryRead(ref buffer, out _);

            Assert.Equal(OperationStatus.NeedMoreData, status);
            Assert.Equal(length, buffer.Length);
        }
    }

    [Theory]
    [InlineData(MqttProtocolVersion.V311)]
    [InlineData(MqttProtocolVersion.V500)]
    public void TryRead_StreamOfAllPacketsInOneByteSegments_ReadsEachInOrder(MqttProtocolVersion version)
    {
        var samples = PacketSamples.All(version).Where(s => s.Packet is not MqttConnectPacket).ToList();
        var stream = samples.SelectMany(s => Wire.Encode(s.Packet, version)).ToArray();
        var buffer = Segments.Create(stream.Select(b => new[] { b }).ToList());
        var reader = new MqttPacketReader(version);

        foreach (var (name, expected) in samples)
        {
            Assert.Equal(OperationStatus.Done, reader.TryRead(ref buffer, out var actual));
            PacketAssert.Equivalent(expected, actual, name);
        }

        Assert.Equal(OperationStatus.NeedMoreData, reader.TryRead(ref buffer, out _));
        Assert.Equal(0, buffer.Length);
    }

    [Fact]
    public void TryRead_MultiSegmentPublish_PayloadIsSliceOfOneGatheredBody()
    {
        var packet = new MqttPublishPacket { Topic = "a", Payload = new byte[] { 1, 2, 3, 4, 5, 6 } };
        var bytes = Wire.Encode(packet, MqttProtocolVersion.V311);

        var decoded = (MqttPublishPacket)Wire.Decode(Segments.Split(bytes, 3, 6), MqttProtocolVersion.V311);

        Assert.True(System.Runtime.InteropServices.MemoryMarshal.TryGetArray(decoded.Payload, out var segment));
        Assert.Equal(bytes.Length - 2, segment.Array!.Length);
        Assert.Equal(new byte[] { 1, 2, 3, 4, 5, 6 }, decoded.Payload.ToArray());
    }
}
