using System.Diagnostics.CodeAnalysis;

namespace Visco.Lake.Parquet.Encodings;

/// <summary>
/// The RLE / bit-packed hybrid of the Parquet encodings spec (Encodings.md, "Run Length Encoding / Bit-Packing
/// Hybrid"), used for definition and repetition levels, dictionary indices and RLE booleans. A run header is a ULEB128
/// varint: low bit 0 means a repeated run (count = header &gt;&gt; 1, then the value in ceil(width/8) little-endian
/// bytes), low bit 1 a bit-packed run of (header &gt;&gt; 1) groups of 8 values packed LSB first.
/// </summary>
internal static class RleBitPackedHybrid
{
    /// <summary>Repeats at least this long become RLE runs; shorter ones are cheaper bit-packed.</summary>
    private const int MinRepeat = 8;

    /// <summary>Encodes <paramref name="values"/> (each below 2^<paramref name="bitWidth"/>) without a length prefix.</summary>
    public static void Encode(ReadOnlySpan<int> values, int bitWidth, ByteBuffer output)
    {
        var literalStart = -1;
        var i = 0;
        while (i < values.Length)
        {
            var value = values[i];
            var j = i + 1;
            while (j < values.Length && values[j] == value)
            {
                j++;
            }

            var run = j - i;
            if (run < MinRepeat)
            {
                literalStart = literalStart < 0 ? i : literalStart;
                i = j;
                continue;
            }

            if (literalStart >= 0)
            {
                // A bit-packed run holds whole groups of 8, so the literals borrow the head of this repeat to fill
                // their last group; whatever is left of the repeat is still long enough or joins the next literals.
                var pad = (8 - ((i - literalStart) % 8)) % 8;
                WriteBitPacked(values[literalStart..(i + pad)], bitWidth, output);
                i += pad;
                run -= pad;
                literalStart = -1;
            }

            if (run >= MinRepeat)
            {
                WriteRepeat(value, run, bitWidth, output);
            }
            else if (run > 0)
            {
                literalStart = i;
            }

            i += run;
        }

        if (literalStart >= 0)
        {
            WriteBitPacked(values[literalStart..], bitWidth, output);
        }
    }

    /// <summary>
    /// Decodes exactly <paramref name="output"/>.Length values. Throws <see cref="InvalidDataException"/> when the
    /// data ends early or a value exceeds the bit width.
    /// </summary>
    public static int Decode(ReadOnlySpan<byte> data, int bitWidth, Span<int> output)
    {
        if (bitWidth is < 0 or > 32)
        {
            ThrowInvalid($"bit width {bitWidth} out of range");
        }

        var position = 0;
        var produced = 0;
        var valueBytes = (bitWidth + 7) / 8;
        while (produced < output.Length)
        {
            var header = ReadVarint(data, ref position);
            if ((header & 1) == 0)
            {
                var count = (int)Math.Min(header >> 1, (ulong)(output.Length - produced));
                if (data.Length - position < valueBytes)
                {
                    ThrowInvalid("RLE run value truncated");
                }

                var value = 0;
                for (var b = 0; b < valueBytes; b++)
                {
                    value |= data[position + b] << (8 * b);
                }

                position += valueBytes;
                if (bitWidth < 32 && (uint)value >= 1u << bitWidth)
                {
                    ThrowInvalid($"RLE value {value} exceeds bit width {bitWidth}");
                }

                output.Slice(produced, count).Fill(value);
                produced += count;
            }
            else
            {
                var groups = header >> 1;
                var values = (int)Math.Min(groups * 8, (ulong)(output.Length - produced));
                var bytes = (int)Math.Min(groups * (ulong)bitWidth, (ulong)(data.Length - position));
                var needed = (values * bitWidth + 7) / 8;
                if (bytes < needed)
                {
                    ThrowInvalid("bit-packed run truncated");
                }

                Unpack(data.Slice(position, needed), bitWidth, output.Slice(produced, values));
                position += (int)Math.Min(groups * (ulong)bitWidth, (ulong)(data.Length - position));
                produced += values;
            }
        }

        return position;
    }

    private static void WriteRepeat(int value, int count, int bitWidth, ByteBuffer output)
    {
        output.WriteVarint((uint)count << 1);
        for (var b = 0; b < (bitWidth + 7) / 8; b++)
        {
            output.WriteByte((byte)(value >> (8 * b)));
        }
    }

    private static void WriteBitPacked(ReadOnlySpan<int> values, int bitWidth, ByteBuffer output)
    {
        var groups = (values.Length + 7) / 8;
        output.WriteVarint(((uint)groups << 1) | 1);
        var span = output.GetSpan(groups * bitWidth);
        var written = 0;
        ulong accumulator = 0;
        var bits = 0;
        for (var i = 0; i < groups * 8; i++)
        {
            // The final group is padded with zeros; readers know the value count from the page header.
            var value = i < values.Length ? (uint)values[i] : 0u;
            accumulator |= (ulong)value << bits;
            bits += bitWidth;
            while (bits >= 8)
            {
                span[written++] = (byte)accumulator;
                accumulator >>= 8;
                bits -= 8;
            }
        }

        output.Advance(written);
    }

    private static void Unpack(ReadOnlySpan<byte> data, int bitWidth, Span<int> output)
    {
        if (bitWidth == 0)
        {
            output.Clear();
            return;
        }

        var mask = bitWidth == 32 ? ulong.MaxValue >> 32 : (1UL << bitWidth) - 1;
        ulong accumulator = 0;
        var bits = 0;
        var position = 0;
        for (var i = 0; i < output.Length; i++)
        {
            while (bits < bitWidth)
            {
                accumulator |= (ulong)data[position++] << bits;
                bits += 8;
            }

            output[i] = (int)(accumulator & mask);
            accumulator >>= bitWidth;
            bits -= bitWidth;
        }
    }

    private static ulong ReadVarint(ReadOnlySpan<byte> data, ref int position)
    {
        ulong result = 0;
        for (var shift = 0; shift < 35; shift += 7)
        {
            if (position >= data.Length)
            {
                ThrowInvalid("RLE/bit-packed data truncated");
            }

            var b = data[position++];
            result |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                return result;
            }
        }

        ThrowInvalid("RLE/bit-packed run header too long");
        return 0;
    }

    [DoesNotReturn]
    private static void ThrowInvalid(string message) => throw new InvalidDataException(message);
}
