using System.Buffers;

using Visco.Mqtt.Packets;

namespace Visco.Mqtt.Codec;

/// <summary>
/// Writes packets of one connection's protocol version to an <see cref="IBufferWriter{T}"/> (a pipe writer, an
/// <see cref="ArrayBufferWriter{T}"/>). The remaining length is computed first, so the fixed header and the body are
/// written once, in order, and a large payload is copied straight from the packet into the output.
/// </summary>
/// <param name="protocolVersion">The version of the connection; a CONNECT is written in its own version.</param>
/// <param name="maximumPacketSize">The peer's Maximum Packet Size; larger packets are refused before anything is written.</param>
public sealed class MqttPacketWriter(MqttProtocolVersion protocolVersion, uint maximumPacketSize = MqttLimits.MaxPacketSize)
{
    /// <summary>The protocol version of the connection.</summary>
    public MqttProtocolVersion ProtocolVersion { get; } = protocolVersion;

    /// <summary>The largest packet the peer accepts; change it when CONNECT or CONNACK announces one.</summary>
    public uint MaximumPacketSize { get; set; } = maximumPacketSize;

    /// <summary>
    /// The encoded size of <paramref name="packet"/> including its fixed header. A server uses it to drop a message
    /// that would exceed the client's Maximum Packet Size instead of sending it [MQTT-3.1.2-25].
    /// </summary>
    /// <exception cref="MqttProtocolViolationException">The packet cannot be encoded (invalid topic, zero packet id...).</exception>
    public int Measure(MqttPacket packet)
    {
        ArgumentNullException.ThrowIfNull(packet);
        var remaining = MeasureBody(packet);
        return 1 + MqttVariableByteInteger.GetSize((uint)remaining) + remaining;
    }

    /// <summary>Writes <paramref name="packet"/> and returns the number of bytes written.</summary>
    /// <exception cref="MqttProtocolViolationException">
    /// The packet breaks a rule, or is larger than <see cref="MaximumPacketSize"/> (reason Packet too large); nothing
    /// has been written then.
    /// </exception>
    public int Write(MqttPacket packet, IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(packet);
        ArgumentNullException.ThrowIfNull(output);
        var remaining = MeasureBody(packet);
        var total = 1 + MqttVariableByteInteger.GetSize((uint)remaining) + remaining;
        if ((uint)total > MaximumPacketSize)
        {
            MqttThrow.PacketTooLarge(total, MaximumPacketSize);
        }

        var writer = new MqttWriter(output, Math.Min(total, 1 << 16));
        writer.WriteByte(MqttPacketEncoder.FixedHeaderByte(packet));
        writer.WriteVariableByteInteger((uint)remaining);
        MqttPacketEncoder.WriteBody(ref writer, packet, ProtocolVersion);
        writer.Flush();
        return total;
    }

    private int MeasureBody(MqttPacket packet)
    {
        var counter = MqttWriter.CreateCounter();
        MqttPacketEncoder.WriteBody(ref counter, packet, ProtocolVersion);
        if (counter.Written > MqttLimits.MaxRemainingLength)
        {
            MqttThrow.PacketTooLarge(counter.Written, MqttLimits.MaxPacketSize);
        }

        return counter.Written;
    }
}
