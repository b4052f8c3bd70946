using Visco.Lake.Parquet.Encodings;

namespace Visco.Lake.Tests.Parquet;

public sealed class RleBitPackedHybridTests
{
    [Fact]
    public void Encode_ZeroToSeven_MatchesSpecExample()
    {
        // Encodings.md: values 0..7 bit-packed at width 3 are 10001000 11000110 11111010.
        var buffer = new ByteBuffer();

        RleBitPackedHybrid.Encode([0, 1, 2, 3, 4, 5, 6, 7], 3, buffer);

        Assert.Equal(new byte[] { 0x03, 0x88, 0xC6, 0xFA }, buffer.WrittenSpan.ToArray());
    }

    [Fact]
    public void Encode_LongRepeat_WritesRleRun()
    {
        var buffer = new ByteBuffer();

        RleBitPackedHybrid.Encode(Enumerable.Repeat(1, 100).ToArray(), 1, buffer);

        // Header 100 << 1 = 200 as a varint (0xC8 0x01), then the value in one byte.
        Assert.Equal(new byte[] { 0xC8, 0x01, 0x01 }, buffer.WrittenSpan.ToArray());
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(1, 2)]
    [InlineData(2, 3)]
    [InlineData(3, 1000)]
    [InlineData(7, 77)]
    [InlineData(13, 500)]
    [InlineData(20, 999)]
    [InlineData(32, 333)]
    public void Decode_AfterEncode_RoundTripsMixedRuns(int bitWidth, int count)
    {
        var random = new Random(bitWidth * 1000 + count);
        var max = bitWidth == 32 ? int.MaxValue : (1 << bitWidth) - 1;
        var values = new int[count];
        for (var i = 0; i < count; i++)
        {
            // Alternate stretches of noise and of repeats of varying lengths so both run kinds and their seams occur.
            values[i] = (i / 13) % 3 == 0 ? random.Next(0, max) : (i / 13) % max;
        }

        var buffer = new ByteBuffer();
        RleBitPackedHybrid.Encode(values, bitWidth, buffer);
        var decoded = new int[count];
        RleBitPackedHybrid.Decode(buffer.WrittenSpan, bitWidth, decoded);

        Assert.Equal(values, decoded);
    }

    [Fact]
    public void Decode_TruncatedData_ThrowsInvalidData()
    {
        var buffer = new ByteBuffer();
        RleBitPackedHybrid.Encode(Enumerable.Range(0, 64).ToArray(), 6, buffer);

        Assert.Throws<InvalidDataException>(() =>
            RleBitPackedHybrid.Decode(buffer.WrittenSpan[..10], 6, new int[64]));
    }

    [Fact]
    public void Decode_RleValueAboveWidth_ThrowsInvalidData()
    {
        Assert.Throws<InvalidDataException>(() =>
            RleBitPackedHybrid.Decode(new byte[] { 0x10, 0x05 }, 2, new int[8]));
    }
}
