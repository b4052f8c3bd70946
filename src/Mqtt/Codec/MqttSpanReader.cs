using System.Buffers;
using System.Buffers.Binary;

namespace Visco.Mqtt.Codec;

/// <summary>Reads the data types of MQTT (§1.5) from one packet body held in a contiguous span.</summary>
internal ref struct MqttSpanReader(ReadOnlySpan<byte> span)
{
    private readonly ReadOnlySpan<byte> _span = span;
    private int _position;

    public readonly int Remaining => _span.Length - _position;

    public readonly bool End => _position == _span.Length;

    public readonly int Position => _position;

    public byte ReadByte()
    {
        if (_position >= _span.Length)
        {
            MqttThrow.Truncated();
        }

        return _span[_position++];
    }

    public ushort ReadUInt16()
    {
        if (Remaining < 2)
        {
            MqttThrow.Truncated();
        }

        var value = BinaryPrimitives.ReadUInt16BigEndian(_span[_position..]);
        _position += 2;
        return value;
    }

    public uint ReadUInt32()
    {
        if (Remaining < 4)
        {
            MqttThrow.Truncated();
        }

        var value = BinaryPrimitives.ReadUInt32BigEndian(_span[_position..]);
        _position += 4;
        return value;
    }

    public uint ReadVariableByteInteger()
    {
        if (MqttVariableByteInteger.TryRead(_span[_position..], out var value, out var consumed) != OperationStatus.Done)
        {
            MqttThrow.Truncated();
        }

        _position += consumed;
        return value;
    }

    public ReadOnlySpan<byte> ReadSpan(int length)
    {
        if (length > Remaining)
        {
            MqttThrow.Truncated();
        }

        var result = _span.Slice(_position, length);
        _position += length;
        return result;
    }

    public ReadOnlySpan<byte> ReadLengthPrefixed() => ReadSpan(ReadUInt16());

    public string ReadString(string field) => MqttUtf8.Decode(ReadLengthPrefixed(), field);

    public byte[] ReadBinary() => ReadLengthPrefixed().ToArray();

    public ReadOnlySpan<byte> ReadToEnd() => ReadSpan(Remaining);

    /// <summary>Takes the next <paramref name="length"/> bytes as a reader of their own (a property block).</summary>
    public MqttSpanReader Slice(int length) => new(ReadSpan(length));
}
