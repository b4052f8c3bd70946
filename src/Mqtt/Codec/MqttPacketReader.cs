using System.Buffers;

using Visco.Mqtt.Packets;

namespace Visco.Mqtt.Codec;

/// <summary>
/// Reads packets from the bytes of one connection, incrementally and without I/O. Create one per connection once the
/// protocol version is known (from CONNECT on a server, from the client's own options on a client); read the CONNECT
/// itself with <see cref="TryReadConnect"/>.
/// </summary>
/// <remarks>
/// Usage with a pipe: <c>while (reader.TryRead(ref buffer, out var packet) == OperationStatus.Done) { ... }</c>, then
/// <c>AdvanceTo(buffer.Start, buffer.End)</c>. Invalid bytes throw <see cref="MqttProtocolViolationException"/> (the
/// reader never returns <see cref="OperationStatus.InvalidData"/>); the connection is then unusable, because MQTT has
/// no way to resynchronise a byte stream.
/// </remarks>
public sealed class MqttPacketReader
{
    /// <summary>Creates a reader for a connection of the given version.</summary>
    /// <param name="protocolVersion">The version negotiated by CONNECT.</param>
    /// <param name="maximumPacketSize">
    /// The largest packet accepted, fixed header included; a larger one fails as soon as its header is read.
    /// </param>
    public MqttPacketReader(MqttProtocolVersion protocolVersion, uint maximumPacketSize = MqttLimits.MaxPacketSize)
    {
        if (!Enum.IsDefined(protocolVersion))
        {
            throw new ArgumentOutOfRangeException(nameof(protocolVersion), protocolVersion, "use V311 (4) or V500 (5)");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(maximumPacketSize, 2u);
        ProtocolVersion = protocolVersion;
        MaximumPacketSize = Math.Min(maximumPacketSize, MqttLimits.MaxPacketSize);
    }

    /// <summary>The protocol version of the connection.</summary>
    public MqttProtocolVersion ProtocolVersion { get; }

    /// <summary>The largest packet, in bytes including the fixed header, this reader accepts.</summary>
    public uint MaximumPacketSize { get; }

    /// <summary>
    /// Reads one packet from the start of <paramref name="buffer"/>. On <see cref="OperationStatus.Done"/> the buffer is
    /// sliced past the packet; on <see cref="OperationStatus.NeedMoreData"/> it is unchanged. A CONNECT here is a second
    /// CONNECT on the connection, which is a Protocol Error [MQTT-3.1.0-2].
    /// </summary>
    /// <exception cref="MqttProtocolViolationException">The bytes break a rule of the protocol.</exception>
    public OperationStatus TryRead(ref ReadOnlySequence<byte> buffer, out MqttPacket? packet) =>
        TryReadCore(ref buffer, ProtocolVersion, MaximumPacketSize, out packet);

    /// <summary>
    /// Reads the first packet of a connection, which must be a CONNECT [MQTT-3.1.0-1], in either protocol version.
    /// The packet's <see cref="MqttConnectPacket.ProtocolVersion"/> then chooses the reader for the rest.
    /// </summary>
    /// <exception cref="MqttProtocolViolationException">
    /// The bytes break a rule; <see cref="MqttProtocolViolationException.ConnectReasonCode"/> is the CONNACK answer.
    /// </exception>
    public static OperationStatus TryReadConnect(
        ref ReadOnlySequence<byte> buffer, uint maximumPacketSize, out MqttConnectPacket? packet)
    {
        var status = TryReadCore(ref buffer, null, Math.Min(maximumPacketSize, MqttLimits.MaxPacketSize), out var read);
        packet = (MqttConnectPacket?)read;
        return status;
    }

    private static OperationStatus TryReadCore(
        ref ReadOnlySequence<byte> buffer, MqttProtocolVersion? version, uint maximumPacketSize, out MqttPacket? packet)
    {
        packet = null;
        if (buffer.Length < 2)
        {
            return OperationStatus.NeedMoreData;
        }

        // Fast path: the header lies in the first segment; otherwise gather its (at most five) bytes.
        scoped ReadOnlySpan<byte> head = buffer.FirstSpan;
        Span<byte> gathered = stackalloc byte[5];
        if (head.Length < 5 && head.Length < buffer.Length)
        {
            var length = (int)Math.Min(5, buffer.Length);
            buffer.Slice(0, length).CopyTo(gathered);
            head = gathered[..length];
        }

        var first = head[0];
        if (MqttVariableByteInteger.TryRead(head[1..], out var remaining, out var lengthBytes) != OperationStatus.Done)
        {
            return OperationStatus.NeedMoreData;
        }

        var type = (MqttPacketType)(first >> 4);
        if (version is null && type != MqttPacketType.Connect)
        {
            MqttThrow.ProtocolError("MQTT-3.1.0-1", $"the first packet of a connection must be CONNECT, not {type.ToString().ToUpperInvariant()}");
        }

        if (version is not null && type == MqttPacketType.Connect)
        {
            MqttThrow.ProtocolError("MQTT-3.1.0-2", "a second CONNECT on a connection is a Protocol Error");
        }

        var effectiveVersion = version ?? MqttProtocolVersion.V500;
        MqttPacketDecoder.ValidateFixedHeader(first, remaining, effectiveVersion);
        var total = 1L + lengthBytes + remaining;
        if (total > maximumPacketSize)
        {
            MqttThrow.PacketTooLarge(total, maximumPacketSize);
        }

        if (buffer.Length < total)
        {
            return OperationStatus.NeedMoreData;
        }

        var body = buffer.Slice(1 + lengthBytes, remaining);
        packet = DecodeBody(first, body, effectiveVersion);
        buffer = buffer.Slice(total);
        return OperationStatus.Done;
    }

    private static MqttPacket DecodeBody(byte first, ReadOnlySequence<byte> body, MqttProtocolVersion version)
    {
        if (body.IsSingleSegment)
        {
            return MqttPacketDecoder.Decode(first, body.FirstSpan, null, version);
        }

        var length = (int)body.Length;
        if ((MqttPacketType)(first >> 4) == MqttPacketType.Publish)
        {
            // The gathered body becomes the payload's storage, so the payload is still copied only once.
            var owned = GC.AllocateUninitializedArray<byte>(length);
            body.CopyTo(owned);
            return MqttPacketDecoder.Decode(first, owned, owned, version);
        }

        var rented = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            body.CopyTo(rented);
            return MqttPacketDecoder.Decode(first, rented.AsSpan(0, length), null, version);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }
}
