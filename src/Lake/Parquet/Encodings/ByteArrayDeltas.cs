using System.Text;

namespace Visco.Lake.Parquet.Encodings;

/// <summary>
/// Decoders of DELTA_LENGTH_BYTE_ARRAY (delta-packed lengths, then the bytes back to back) and DELTA_BYTE_ARRAY
/// (delta-packed prefix lengths shared with the previous value, then the suffixes as DELTA_LENGTH_BYTE_ARRAY), for
/// strings from other writers.
/// </summary>
internal static class ByteArrayDeltas
{
    public static void DecodeLengths(ReadOnlySpan<byte> data, Span<string> output)
    {
        var lengths = new long[output.Length];
        var position = DeltaBinaryPacked.Decode(data, lengths);
        for (var i = 0; i < output.Length; i++)
        {
            var length = CheckLength(lengths[i], data.Length - position);
            output[i] = Encoding.UTF8.GetString(data.Slice(position, length));
            position += length;
        }
    }

    public static void DecodeIncremental(ReadOnlySpan<byte> data, Span<string> output)
    {
        var prefixes = new long[output.Length];
        var lengths = new long[output.Length];
        var position = DeltaBinaryPacked.Decode(data, prefixes);
        position += DeltaBinaryPacked.Decode(data[position..], lengths);
        var previous = Array.Empty<byte>();
        for (var i = 0; i < output.Length; i++)
        {
            var prefix = CheckLength(prefixes[i], previous.Length);
            var suffix = CheckLength(lengths[i], data.Length - position);
            var value = new byte[prefix + suffix];
            previous.AsSpan(0, prefix).CopyTo(value);
            data.Slice(position, suffix).CopyTo(value.AsSpan(prefix));
            position += suffix;
            output[i] = Encoding.UTF8.GetString(value);
            previous = value;
        }
    }

    private static int CheckLength(long length, int available) =>
        length >= 0 && length <= available
            ? (int)length
            : throw new InvalidDataException($"byte array length {length} exceeds the {available} bytes available");
}
