using System.Buffers;
using System.Buffers.Binary;

namespace Visco.Lake.Parquet.Encodings;

/// <summary>
/// A growable byte buffer that pages, levels and metadata are encoded into. Reused across pages so a column chunk
/// allocates its buffers once rather than per page.
/// </summary>
internal sealed class ByteBuffer(int initialCapacity = 4096) : IBufferWriter<byte>
{
    private byte[] _data = new byte[Math.Max(16, initialCapacity)];

    public int Length { get; private set; }

    public ReadOnlySpan<byte> WrittenSpan => _data.AsSpan(0, Length);

    public ReadOnlyMemory<byte> WrittenMemory => _data.AsMemory(0, Length);

    public byte[] RawArray => _data;

    public void Clear() => Length = 0;

    public void Advance(int count) => Length += count;

    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _data.AsMemory(Length);
    }

    public Span<byte> GetSpan(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _data.AsSpan(Length);
    }

    public void WriteByte(byte value)
    {
        Ensure(1);
        _data[Length++] = value;
    }

    public void WriteInt32(int value)
    {
        Ensure(4);
        BinaryPrimitives.WriteInt32LittleEndian(_data.AsSpan(Length), value);
        Length += 4;
    }

    public void Write(ReadOnlySpan<byte> bytes)
    {
        Ensure(bytes.Length);
        bytes.CopyTo(_data.AsSpan(Length));
        Length += bytes.Length;
    }

    public void WriteVarint(uint value)
    {
        Ensure(5);
        while (value >= 0x80)
        {
            _data[Length++] = (byte)(value | 0x80);
            value >>= 7;
        }

        _data[Length++] = (byte)value;
    }

    /// <summary>Writes a 4-byte little-endian value at an earlier position (a length prefix reserved ahead of data).</summary>
    public void PatchInt32(int position, int value) =>
        BinaryPrimitives.WriteInt32LittleEndian(_data.AsSpan(position), value);

    private void Ensure(int extra)
    {
        extra = Math.Max(extra, 1);
        if (_data.Length - Length >= extra)
        {
            return;
        }

        var size = Math.Max(_data.Length * 2L, (long)Length + extra);
        if (size > Array.MaxLength)
        {
            size = (long)Length + extra <= Array.MaxLength ? Array.MaxLength : throw new InsufficientMemoryException(
                "a single Parquet page or column chunk may not exceed 2 GB; use smaller row groups");
        }

        Array.Resize(ref _data, (int)size);
    }
}
