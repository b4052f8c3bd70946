using System.IO.Compression;
using Visco.Lake.Parquet.Format;

namespace Visco.Lake.Parquet.Encodings;

/// <summary>Compresses and decompresses page bodies with the codecs this library supports (UNCOMPRESSED, GZIP).</summary>
internal static class PageCompression
{
    public static bool IsSupported(CompressionCodec codec) => codec is CompressionCodec.Uncompressed or CompressionCodec.Gzip;

    /// <summary>Appends <paramref name="input"/> compressed with <paramref name="codec"/> to <paramref name="output"/>.</summary>
    public static void Compress(CompressionCodec codec, CompressionLevel level, ReadOnlySpan<byte> input, ByteBuffer output)
    {
        if (codec == CompressionCodec.Uncompressed)
        {
            output.Write(input);
            return;
        }

        using var sink = new BufferStream(output);
        using (var gzip = new GZipStream(sink, level, leaveOpen: true))
        {
            gzip.Write(input);
        }
    }

    /// <summary>
    /// Decompresses into exactly <paramref name="output"/>.Length bytes; a different size is an
    /// <see cref="InvalidDataException"/> (the page header's uncompressed size disagrees with the data).
    /// </summary>
    public static void Decompress(CompressionCodec codec, byte[] input, int offset, int count, Span<byte> output)
    {
        if (codec == CompressionCodec.Uncompressed)
        {
            if (count != output.Length)
            {
                throw new InvalidDataException(
                    $"uncompressed page holds {count} bytes but its header says {output.Length}");
            }

            input.AsSpan(offset, count).CopyTo(output);
            return;
        }

        using var source = new MemoryStream(input, offset, count, writable: false);
        using var gzip = new GZipStream(source, CompressionMode.Decompress);
        var read = gzip.ReadAtLeast(output, output.Length, throwOnEndOfStream: false);
        Span<byte> probe = stackalloc byte[1];
        if (read != output.Length || gzip.Read(probe) != 0)
        {
            throw new InvalidDataException(
                $"GZIP page decompressed to {(read != output.Length ? read.ToString(System.Globalization.CultureInfo.InvariantCulture) : "more")} bytes but its header says {output.Length}");
        }
    }

    /// <summary>A write-only stream appending to a <see cref="ByteBuffer"/>, so GZIP output needs no extra copy.</summary>
    private sealed class BufferStream(ByteBuffer buffer) : Stream
    {
        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => buffer.Length;

        public override long Position
        {
            get => buffer.Length;
            set => throw new NotSupportedException();
        }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer1) => buffer.Write(buffer1);
    }
}
