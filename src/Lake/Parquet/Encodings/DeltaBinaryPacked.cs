namespace Visco.Lake.Parquet.Encodings;

/// <summary>
/// Decoder of DELTA_BINARY_PACKED (Encodings.md): a header (block size, miniblocks per block, value count, zigzag
/// first value), then blocks of a zigzag minimum delta, one bit width per miniblock and the miniblocks' deltas
/// bit-packed LSB first. Arithmetic wraps, as the spec requires. Read-only: other writers (DuckDB, pyarrow with format
/// 2.x) use it for integers; we write PLAIN.
/// </summary>
internal static class DeltaBinaryPacked
{
    /// <summary>Decodes exactly <paramref name="output"/>.Length values and returns the bytes consumed.</summary>
    public static int Decode(ReadOnlySpan<byte> data, Span<long> output)
    {
        var position = 0;
        var blockSize = ReadUleb(data, ref position);
        var miniblocks = ReadUleb(data, ref position);
        var total = ReadUleb(data, ref position);
        if (blockSize == 0 || blockSize % 128 != 0 || miniblocks == 0 || blockSize % miniblocks != 0 ||
            (blockSize / miniblocks) % 32 != 0 || miniblocks > 1024)
        {
            throw new InvalidDataException($"DELTA_BINARY_PACKED header invalid (block {blockSize}, miniblocks {miniblocks})");
        }

        if (total < (ulong)output.Length)
        {
            throw new InvalidDataException($"DELTA_BINARY_PACKED holds {total} values, {output.Length} expected");
        }

        if (output.IsEmpty)
        {
            // The first value is present even then; skip it so the consumed length is right.
            ReadUleb(data, ref position);
            return position;
        }

        var value = UnZigZag(ReadUleb(data, ref position));
        output[0] = value;
        var produced = 1;
        var perMiniblock = (int)(blockSize / miniblocks);
        Span<byte> widths = stackalloc byte[(int)miniblocks];
        while (produced < output.Length)
        {
            var minDelta = UnZigZag(ReadUleb(data, ref position));
            if (data.Length - position < widths.Length)
            {
                throw new InvalidDataException("DELTA_BINARY_PACKED bit widths truncated");
            }

            data.Slice(position, widths.Length).CopyTo(widths);
            position += widths.Length;
            for (var m = 0; m < widths.Length && produced < output.Length; m++)
            {
                var width = widths[m];
                if (width > 64)
                {
                    throw new InvalidDataException($"DELTA_BINARY_PACKED bit width {width}");
                }

                var bytes = perMiniblock * width / 8;
                if (data.Length - position < bytes)
                {
                    throw new InvalidDataException("DELTA_BINARY_PACKED miniblock truncated");
                }

                var packed = data.Slice(position, bytes);
                var take = Math.Min(perMiniblock, output.Length - produced);
                for (var i = 0; i < take; i++)
                {
                    value = unchecked(value + minDelta + (long)ReadBits(packed, i * width, width));
                    output[produced++] = value;
                }

                position += bytes;
            }
        }

        return position;
    }

    private static ulong ReadBits(ReadOnlySpan<byte> data, int bitOffset, int width)
    {
        ulong result = 0;
        var written = 0;
        while (written < width)
        {
            var index = bitOffset >> 3;
            var shift = bitOffset & 7;
            var take = Math.Min(8 - shift, width - written);
            var bits = (ulong)((data[index] >> shift) & ((1 << take) - 1));
            result |= bits << written;
            written += take;
            bitOffset += take;
        }

        return result;
    }

    private static long UnZigZag(ulong value) => (long)(value >> 1) ^ -(long)(value & 1);

    private static ulong ReadUleb(ReadOnlySpan<byte> data, ref int position)
    {
        ulong result = 0;
        for (var shift = 0; shift < 70; shift += 7)
        {
            if (position >= data.Length)
            {
                throw new InvalidDataException("DELTA_BINARY_PACKED truncated");
            }

            var b = data[position++];
            result |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                return result;
            }
        }

        throw new InvalidDataException("DELTA_BINARY_PACKED varint too long");
    }
}
