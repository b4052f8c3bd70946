using System.Text;
using Visco.Lake.Parquet.Encodings;
using Xunit;

namespace Visco.Lake.Tests.Parquet;

public sealed class Crc32Tests
{
    [Fact]
    public void Compute_CheckValue_IsTheStandardCrc32()
    {
        // The CRC catalogue's check value for CRC-32/ISO-HDLC (the GZIP/zlib CRC): "123456789" -> 0xCBF43926.
        Assert.Equal(0xCBF43926u, Crc32.Compute("123456789"u8));
        Assert.Equal(0u, Crc32.Compute([]));
    }

    [Fact]
    public void Compute_EveryLengthAndAlignment_MatchesTheTableMethod()
    {
        // The folded path starts at 64 bytes and folds 16-byte blocks; every length around those edges and every
        // misalignment must give what the byte-wise table method gives.
        var random = new Random(7);
        var buffer = new byte[1100];
        random.NextBytes(buffer);
        for (var offset = 0; offset < 17; offset++)
        {
            for (var length = 0; length + offset <= buffer.Length; length += length < 300 ? 1 : 61)
            {
                var data = buffer.AsSpan(offset, length);
                Assert.True(Crc32.ComputeWithTables(data) == Crc32.Compute(data), $"offset {offset}, length {length}");
            }
        }
    }

    [Fact]
    public void Compute_LongInput_MatchesTheTableMethod()
    {
        var text = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("The quick brown fox jumps over the lazy dog. ", 5000)));
        Assert.Equal(Crc32.ComputeWithTables(text), Crc32.Compute(text));
        Assert.Equal(0x414FA339u, Crc32.Compute("The quick brown fox jumps over the lazy dog"u8));
    }
}
