using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;

namespace Visco.Lake.Parquet.Encodings;

/// <summary>
/// PLAIN encoding (Encodings.md): fixed-width values little-endian back to back, booleans bit-packed LSB first, byte
/// arrays as a 4-byte little-endian length then the bytes. Fixed-width values are block-copied, which is only right on
/// a little-endian machine; every platform .NET 10 runs on here is one, and the static constructor refuses others.
/// </summary>
internal static class PlainCodec
{
    static PlainCodec()
    {
        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException("the Parquet codec assumes a little-endian machine");
        }
    }

    public static void WriteFixed<T>(ReadOnlySpan<T> values, ByteBuffer output)
        where T : unmanaged => output.Write(MemoryMarshal.AsBytes(values));

    public static void WriteBooleans(ReadOnlySpan<bool> values, ByteBuffer output)
    {
        var bytes = (values.Length + 7) / 8;
        var span = output.GetSpan(bytes)[..bytes];
        span.Clear();
        for (var i = 0; i < values.Length; i++)
        {
            if (values[i])
            {
                span[i >> 3] |= (byte)(1 << (i & 7));
            }
        }

        output.Advance(bytes);
    }

    /// <summary>Writes one byte array value (length prefix + UTF-8) and returns the span of its bytes in the buffer.</summary>
    public static (int Start, int Length) WriteString(string value, ByteBuffer output)
    {
        var span = output.GetSpan(4 + Encoding.UTF8.GetMaxByteCount(value.Length));
        var length = Encoding.UTF8.GetBytes(value, span[4..]);
        BinaryPrimitives.WriteInt32LittleEndian(span, length);
        var start = output.Length + 4;
        output.Advance(4 + length);
        return (start, length);
    }

    public static int ReadFixed<T>(ReadOnlySpan<byte> data, Span<T> destination)
        where T : unmanaged
    {
        var size = Unsafe.SizeOf<T>();
        if ((long)destination.Length * size > data.Length)
        {
            throw new InvalidDataException(
                $"PLAIN page holds {data.Length} bytes, too few for {destination.Length} values of {size} bytes");
        }

        var consumed = destination.Length * size;
        MemoryMarshal.Cast<byte, T>(data[..consumed]).CopyTo(destination);
        return consumed;
    }

    public static int ReadBooleans(ReadOnlySpan<byte> data, Span<bool> destination)
    {
        var consumed = (destination.Length + 7) / 8;
        if (consumed > data.Length)
        {
            throw new InvalidDataException($"PLAIN page holds {data.Length} bytes, too few for {destination.Length} booleans");
        }

        for (var i = 0; i < destination.Length; i++)
        {
            destination[i] = (data[i >> 3] & (1 << (i & 7))) != 0;
        }

        return consumed;
    }

    public static int ReadStrings(ReadOnlySpan<byte> data, Span<string> destination)
    {
        var position = 0;
        for (var i = 0; i < destination.Length; i++)
        {
            if (data.Length - position < 4)
            {
                throw new InvalidDataException($"PLAIN byte array {i} of {destination.Length}: length prefix truncated");
            }

            var length = BinaryPrimitives.ReadInt32LittleEndian(data[position..]);
            position += 4;
            if (length < 0 || length > data.Length - position)
            {
                throw new InvalidDataException($"PLAIN byte array {i} of {destination.Length}: length {length} exceeds the page");
            }

            destination[i] = length == 0 ? string.Empty : Encoding.UTF8.GetString(data.Slice(position, length));
            position += length;
        }

        return position;
    }
}
