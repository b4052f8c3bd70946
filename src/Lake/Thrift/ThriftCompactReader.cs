using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace Visco.Lake.Thrift;

/// <summary>
/// Reads the Thrift compact protocol from a byte array. Every length is checked against the bytes that remain before
/// anything is allocated, so a corrupt header announcing gigabytes fails fast, and unknown fields are skipped so that
/// metadata from newer writers still reads.
/// </summary>
public sealed class ThriftCompactReader
{
    /// <summary>Nesting beyond this is treated as corrupt; Parquet metadata is at most a handful of levels deep.</summary>
    public const int MaxDepth = 64;

    private readonly byte[] _buffer;
    private readonly int _end;
    private readonly Stack<short> _lastFieldIds = new();
    private short _lastFieldId;
    private bool? _pendingBool;

    /// <summary>Creates a reader over <paramref name="buffer"/>[<paramref name="offset"/>..<paramref name="offset"/>+<paramref name="count"/>].</summary>
    public ThriftCompactReader(byte[] buffer, int offset, int count)
    {
        ArgumentNullException.ThrowIfNull(buffer);
        if ((uint)offset > (uint)buffer.Length || (uint)count > (uint)(buffer.Length - offset))
        {
            throw new ArgumentOutOfRangeException(nameof(count), "the range lies outside the buffer");
        }

        _buffer = buffer;
        Position = offset;
        _end = offset + count;
    }

    /// <summary>Creates a reader over the whole array.</summary>
    public ThriftCompactReader(byte[] buffer)
        : this(buffer, 0, buffer.Length)
    {
    }

    /// <summary>The offset of the next unread byte in the underlying array.</summary>
    public int Position { get; private set; }

    /// <summary>Enters a struct.</summary>
    public void ReadStructBegin()
    {
        if (_lastFieldIds.Count >= MaxDepth)
        {
            throw new ThriftProtocolException($"structs nested deeper than {MaxDepth}");
        }

        _lastFieldIds.Push(_lastFieldId);
        _lastFieldId = 0;
    }

    /// <summary>Leaves a struct (after its stop field was read).</summary>
    public void ReadStructEnd() => _lastFieldId = _lastFieldIds.Pop();

    /// <summary>Reads a field header; a boolean field's value is kept for the following <see cref="ReadBool"/>.</summary>
    public ThriftField ReadFieldBegin()
    {
        var header = ReadByte();
        var type = (ThriftType)(header & 0x0F);
        if (type == ThriftType.Stop)
        {
            return new ThriftField(ThriftType.Stop, 0);
        }

        var delta = header >> 4;
        var id = delta != 0 ? (short)(_lastFieldId + delta) : ReadI16();
        _lastFieldId = id;
        if (type is ThriftType.BooleanTrue or ThriftType.BooleanFalse)
        {
            _pendingBool = type == ThriftType.BooleanTrue;
        }
        else if (type > ThriftType.Struct)
        {
            throw new ThriftProtocolException($"unknown field type {(int)type} for field {id} at offset {Position - 1}");
        }

        return new ThriftField(type, id);
    }

    /// <summary>Reads a boolean: the value of the field header just read, or a list element byte.</summary>
    public bool ReadBool()
    {
        if (_pendingBool is { } value)
        {
            _pendingBool = null;
            return value;
        }

        return ReadByte() == 1;
    }

    /// <summary>Reads an i8.</summary>
    public sbyte ReadI8() => (sbyte)ReadByte();

    /// <summary>Reads a zigzag varint i16.</summary>
    public short ReadI16()
    {
        var value = UnZigZag32((uint)ReadVarint(5));
        if (value is < short.MinValue or > short.MaxValue)
        {
            Throw($"i16 value {value} out of range");
        }

        return (short)value;
    }

    /// <summary>Reads a zigzag varint i32.</summary>
    public int ReadI32() => UnZigZag32((uint)ReadVarint(5));

    /// <summary>Reads a zigzag varint i64.</summary>
    public long ReadI64()
    {
        var raw = ReadVarint(10);
        return (long)(raw >> 1) ^ -(long)(raw & 1);
    }

    /// <summary>Reads an 8-byte little-endian double.</summary>
    public double ReadDouble()
    {
        Require(8);
        var value = BinaryPrimitives.ReadDoubleLittleEndian(_buffer.AsSpan(Position, 8));
        Position += 8;
        return value;
    }

    /// <summary>Reads length-prefixed bytes into a new array.</summary>
    public byte[] ReadBinary()
    {
        var length = ReadLength();
        var value = _buffer.AsSpan(Position, length).ToArray();
        Position += length;
        return value;
    }

    /// <summary>Reads a length-prefixed UTF-8 string.</summary>
    public string ReadString()
    {
        var length = ReadLength();
        var value = Encoding.UTF8.GetString(_buffer, Position, length);
        Position += length;
        return value;
    }

    /// <summary>Reads a list (or set) header and checks the count against the bytes left.</summary>
    public (ThriftType ElementType, int Count) ReadListBegin()
    {
        var header = ReadByte();
        var count = header >> 4;
        if (count == 15)
        {
            var raw = ReadVarint(5);
            if (raw > int.MaxValue)
            {
                Throw($"list size {raw} out of range");
            }

            count = (int)raw;
        }

        var elementType = (ThriftType)(header & 0x0F);
        if (elementType is ThriftType.Stop or > ThriftType.Struct)
        {
            Throw($"unknown list element type {(int)elementType}");
        }

        // Every element takes at least one byte, so a count beyond the remaining bytes is corrupt.
        if (count > _end - Position)
        {
            Throw($"list of {count} elements exceeds the {_end - Position} bytes left");
        }

        return (elementType, count);
    }

    /// <summary>Reads a whole list whose elements <paramref name="readElement"/> decodes.</summary>
    public List<T> ReadList<T>(Func<ThriftCompactReader, T> readElement)
    {
        var (_, count) = ReadListBegin();
        var items = new List<T>(count);
        for (var i = 0; i < count; i++)
        {
            items.Add(readElement(this));
        }

        return items;
    }

    /// <summary>Skips a value of the given type, including nested structs, lists and maps.</summary>
    public void Skip(ThriftType type) => Skip(type, 0);

    private void Skip(ThriftType type, int depth)
    {
        if (depth > MaxDepth)
        {
            Throw($"values nested deeper than {MaxDepth}");
        }

        switch (type)
        {
            case ThriftType.BooleanTrue or ThriftType.BooleanFalse:
                if (_pendingBool is null)
                {
                    ReadByte();
                }

                _pendingBool = null;
                break;
            case ThriftType.Byte:
                ReadByte();
                break;
            case ThriftType.I16 or ThriftType.I32:
                ReadVarint(5);
                break;
            case ThriftType.I64:
                ReadVarint(10);
                break;
            case ThriftType.Double:
                Require(8);
                Position += 8;
                break;
            case ThriftType.Binary:
                // Read the length first: `Position += ReadLength()` would add it to the position before the prefix.
                var length = ReadLength();
                Position += length;
                break;
            case ThriftType.List or ThriftType.Set:
                var (elementType, count) = ReadListBegin();
                for (var i = 0; i < count; i++)
                {
                    Skip(elementType, depth + 1);
                }

                break;
            case ThriftType.Map:
                SkipMap(depth);
                break;
            case ThriftType.Struct:
                ReadStructBegin();
                while (true)
                {
                    var field = ReadFieldBegin();
                    if (field.IsStop)
                    {
                        break;
                    }

                    Skip(field.Type, depth + 1);
                }

                ReadStructEnd();
                break;
            default:
                Throw($"cannot skip type {(int)type}");
                break;
        }
    }

    private void SkipMap(int depth)
    {
        var size = ReadVarint(5);
        if (size == 0)
        {
            return;
        }

        if (size > (ulong)(_end - Position))
        {
            Throw($"map of {size} entries exceeds the bytes left");
        }

        var types = ReadByte();
        for (ulong i = 0; i < size; i++)
        {
            Skip((ThriftType)(types >> 4), depth + 1);
            Skip((ThriftType)(types & 0x0F), depth + 1);
        }
    }

    private static int UnZigZag32(uint value) => (int)(value >> 1) ^ -(int)(value & 1);

    private int ReadLength()
    {
        var raw = ReadVarint(5);
        if (raw > (ulong)(_end - Position))
        {
            Throw($"length {raw} exceeds the {_end - Position} bytes left");
        }

        return (int)raw;
    }

    private byte ReadByte()
    {
        if (Position >= _end)
        {
            Throw("unexpected end of data");
        }

        return _buffer[Position++];
    }

    private ulong ReadVarint(int maxBytes)
    {
        ulong result = 0;
        for (var i = 0; i < maxBytes; i++)
        {
            var b = ReadByte();
            result |= (ulong)(b & 0x7F) << (7 * i);
            if ((b & 0x80) == 0)
            {
                return result;
            }
        }

        Throw($"varint longer than {maxBytes} bytes");
        return 0;
    }

    private void Require(int count)
    {
        if (_end - Position < count)
        {
            Throw("unexpected end of data");
        }
    }

    [DoesNotReturn]
    private void Throw(string message) => throw new ThriftProtocolException($"{message} (offset {Position})");
}
