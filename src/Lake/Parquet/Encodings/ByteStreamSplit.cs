using System.Runtime.InteropServices;

namespace Visco.Lake.Parquet.Encodings;

/// <summary>
/// Decoder of BYTE_STREAM_SPLIT: for N values of K bytes, stream k (bytes k*N..k*N+N) holds byte k of every value.
/// Other writers use it for floating point columns; we write PLAIN.
/// </summary>
internal static class ByteStreamSplit
{
    public static void Decode<T>(ReadOnlySpan<byte> data, Span<T> output)
        where T : unmanaged
    {
        var size = Marshal.SizeOf<T>();
        var count = output.Length;
        if ((long)count * size > data.Length)
        {
            throw new InvalidDataException($"BYTE_STREAM_SPLIT page holds {data.Length} bytes, too few for {count} values");
        }

        // The streams may carry padding beyond the values we need: the stream length is data.Length / size.
        var stride = data.Length / size;
        var bytes = MemoryMarshal.AsBytes(output);
        for (var i = 0; i < count; i++)
        {
            for (var k = 0; k < size; k++)
            {
                bytes[(i * size) + k] = data[(k * stride) + i];
            }
        }
    }
}
