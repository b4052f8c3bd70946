using System.Buffers;

using Visco.Mqtt.Codec;
using Visco.Mqtt.Packets;

namespace Visco.Mqtt.Tests.Support;

/// <summary>Encodes and decodes through the public codec, and turns hex strings into frames.</summary>
internal static class Wire
{
    public static byte[] Hex(string hex) => Convert.FromHexString(hex.Replace(" ", string.Empty, StringComparison.Ordinal));

    /// <summary>A frame from a first byte and a body, with the remaining length computed.</summary>
    public static byte[] Frame(byte first, string bodyHex)
    {
        var body = Hex(bodyHex);
        var length = new byte[4];
        var n = MqttVariableByteInteger.Write((uint)body.Length, length);
        return [first, .. length.AsSpan(0, n), .. body];
    }

    public static byte[] Encode(MqttPacket packet, MqttProtocolVersion version)
    {
        var output = new ArrayBufferWriter<byte>();
        var written = new MqttPacketWriter(version).Write(packet, output);
        Assert.Equal(written, output.WrittenCount);
        return output.WrittenSpan.ToArray();
    }

    public static MqttPacket Decode(byte[] bytes, MqttProtocolVersion version, uint maximumPacketSize = MqttLimits.MaxPacketSize) =>
        Decode(new ReadOnlySequence<byte>(bytes), version, maximumPacketSize);

    public static MqttPacket Decode(ReadOnlySequence<byte> buffer, MqttProtocolVersion version, uint maximumPacketSize = MqttLimits.MaxPacketSize)
    {
        var length = buffer.Length;
        MqttPacket? packet;
        OperationStatus status;
        if (length > 0 && buffer.FirstSpan.Length > 0 && buffer.FirstSpan[0] >> 4 == 1)
        {
            status = MqttPacketReader.TryReadConnect(ref buffer, maximumPacketSize, out var connect);
            packet = connect;
        }
        else
        {
            status = new MqttPacketReader(version, maximumPacketSize).TryRead(ref buffer, out packet);
        }

        Assert.Equal(OperationStatus.Done, status);
        Assert.Equal(0, buffer.Length);
        return packet!;
    }
}
