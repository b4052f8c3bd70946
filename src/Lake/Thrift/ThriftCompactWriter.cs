using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace Visco.Lake.Thrift;

/// <summary>
/// Writes the Thrift compact protocol into a buffer: only what Parquet metadata needs (structs, lists, i8/i16/i32/i64
/// as zigzag varints, binary/string, bools, doubles). Field ids are written as deltas from the previous field of the
/// same struct when the delta fits in four bits, as the protocol requires for compactness.
/// </summary>
public sealed class ThriftCompactWriter(IBufferWriter<byte> output)
{
    private readonly Stack<short> _lastFieldIds = new();
    private short _lastFieldId;

    /// <summary>Starts a struct: field ids inside it are relative to this struct only.</summary>
    public void WriteStructBegin()
    {
        _lastFieldIds.Push(_lastFieldId);
        _lastFieldId = 0;
    }

    /// <summary>Ends a struct with the stop byte and restores the enclosing struct's field position.</summary>
    public void WriteStructEnd()
    {
        WriteByte((byte)ThriftType.Stop);
        _lastFieldId = _lastFieldIds.Pop();
    }

    /// <summary>Writes a field header.</summary>
    public void WriteFieldBegin(ThriftType type, short id)
    {
        var delta = id - _lastFieldId;
        if (delta is > 0 and <= 15)
        {
            WriteByte((byte)((delta << 4) | (byte)type));
        }
        else
        {
            WriteByte((byte)type);
            WriteVarint(ZigZag(id));
        }

        _lastFieldId = id;
    }

    /// <summary>Writes a boolean field (its value lives in the field header).</summary>
    public void WriteBoolField(short id, bool value) =>
        WriteFieldBegin(value ? ThriftType.BooleanTrue : ThriftType.BooleanFalse, id);

    /// <summary>Writes an i32 field.</summary>
    public void WriteI32Field(short id, int value)
    {
        WriteFieldBegin(ThriftType.I32, id);
        WriteI32(value);
    }

    /// <summary>Writes an i64 field.</summary>
    public void WriteI64Field(short id, long value)
    {
        WriteFieldBegin(ThriftType.I64, id);
        WriteI64(value);
    }

    /// <summary>Writes an i16 field.</summary>
    public void WriteI16Field(short id, short value)
    {
        WriteFieldBegin(ThriftType.I16, id);
        WriteVarint(ZigZag(value));
    }

    /// <summary>Writes an i8 field.</summary>
    public void WriteByteField(short id, sbyte value)
    {
        WriteFieldBegin(ThriftType.Byte, id);
        WriteByte((byte)value);
    }

    /// <summary>Writes a double field.</summary>
    public void WriteDoubleField(short id, double value)
    {
        WriteFieldBegin(ThriftType.Double, id);
        var span = output.GetSpan(8);
        BinaryPrimitives.WriteDoubleLittleEndian(span, value);
        output.Advance(8);
    }

    /// <summary>Writes a binary field.</summary>
    public void WriteBinaryField(short id, ReadOnlySpan<byte> value)
    {
        WriteFieldBegin(ThriftType.Binary, id);
        WriteBinary(value);
    }

    /// <summary>Writes a UTF-8 string field.</summary>
    public void WriteStringField(short id, string value)
    {
        WriteFieldBegin(ThriftType.Binary, id);
        WriteString(value);
    }

    /// <summary>Writes a list header; the elements follow with the element writers below.</summary>
    public void WriteListBegin(ThriftType elementType, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (count < 15)
        {
            WriteByte((byte)((count << 4) | (byte)elementType));
        }
        else
        {
            WriteByte((byte)(0xF0 | (byte)elementType));
            WriteVarint((uint)count);
        }
    }

    /// <summary>Writes a zigzag varint i32 (a list element or a field value).</summary>
    public void WriteI32(int value) => WriteVarint(ZigZag(value));

    /// <summary>Writes a zigzag varint i64.</summary>
    public void WriteI64(long value) => WriteVarint(ZigZag(value));

    /// <summary>Writes a boolean list element (1 true, 2 false, as the reference implementation does).</summary>
    public void WriteBool(bool value) => WriteByte(value ? (byte)1 : (byte)2);

    /// <summary>Writes length-prefixed bytes.</summary>
    public void WriteBinary(ReadOnlySpan<byte> value)
    {
        WriteVarint((uint)value.Length);
        value.CopyTo(output.GetSpan(value.Length));
        output.Advance(value.Length);
    }

    /// <summary>Writes a length-prefixed UTF-8 string.</summary>
    public void WriteString(string value)
    {
        var length = Encoding.UTF8.GetByteCount(value);
        WriteVarint((uint)length);
        var span = output.GetSpan(length);
        Encoding.UTF8.GetBytes(value, span);
        output.Advance(length);
    }

    private static uint ZigZag(int value) => (uint)((value << 1) ^ (value >> 31));

    private static ulong ZigZag(long value) => (ulong)((value << 1) ^ (value >> 63));

    private void WriteByte(byte value)
    {
        output.GetSpan(1)[0] = value;
        output.Advance(1);
    }

    private void WriteVarint(ulong value)
    {
        var span = output.GetSpan(10);
        var i = 0;
        while (value >= 0x80)
        {
            span[i++] = (byte)(value | 0x80);
            value >>= 7;
        }

        span[i++] = (byte)value;
        output.Advance(i);
    }
}
