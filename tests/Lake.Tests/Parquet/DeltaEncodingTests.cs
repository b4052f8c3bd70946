using System.Text;
using Visco.Lake.Parquet.Encodings;

namespace Visco.Lake.Tests.Parquet;

public sealed class DeltaEncodingTests
{
    [Fact]
    public void DeltaBinaryPacked_SpecExample_DecodesOneToFive()
    {
        // Encodings.md example 1: header (block 128, 4 miniblocks, 5 values, first 1), min delta 1, widths 0.
        byte[] data = [0x80, 0x01, 0x04, 0x05, 0x02, 0x02, 0, 0, 0, 0];
        var output = new long[5];

        var consumed = DeltaBinaryPacked.Decode(data, output);

        Assert.Equal([1L, 2, 3, 4, 5], output);
        Assert.Equal(data.Length, consumed);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(33)]
    [InlineData(300)]
    public void DeltaBinaryPacked_EncodedByReferenceAlgorithm_RoundTrips(int count)
    {
        var random = new Random(count);
        var values = Enumerable.Range(0, count).Select(i => i % 50 == 0 ? long.MinValue + i : random.NextInt64(-1_000_000, 1_000_000)).ToArray();
        var output = new long[count];

        var encoded = Encode(values);
        var consumed = DeltaBinaryPacked.Decode(encoded, output);

        Assert.Equal(values, output);
        Assert.Equal(encoded.Length, consumed);
    }

    [Fact]
    public void DeltaByteArray_SpecExample_RebuildsPrefixes()
    {
        // Encodings.md: axis, axle, babble, babyhood -> prefixes 0, 2, 0, 3 and suffixes axis, le, babble, yhood.
        string[] suffixes = ["axis", "le", "babble", "yhood"];
        var data = Encode([0, 2, 0, 3])
            .Concat(Encode(suffixes.Select(s => (long)s.Length).ToArray()))
            .Concat(suffixes.SelectMany(Encoding.UTF8.GetBytes))
            .ToArray();
        var output = new string[4];

        ByteArrayDeltas.DecodeIncremental(data, output);

        Assert.Equal(["axis", "axle", "babble", "babyhood"], output);
    }

    [Fact]
    public void ByteStreamSplit_TwoFloats_Interleaves()
    {
        var a = BitConverter.GetBytes(1.5f);
        var b = BitConverter.GetBytes(-2.25f);
        byte[] data = [a[0], b[0], a[1], b[1], a[2], b[2], a[3], b[3]];
        var output = new float[2];

        ByteStreamSplit.Decode<float>(data, output);

        Assert.Equal([1.5f, -2.25f], output);
    }

    [Fact]
    public void DeltaBinaryPacked_Truncated_ThrowsInvalidData()
    {
        var encoded = Encode(Enumerable.Range(0, 100).Select(i => (long)i * i).ToArray());

        Assert.Throws<InvalidDataException>(() => DeltaBinaryPacked.Decode(encoded.AsSpan(0, encoded.Length / 2), new long[100]));
    }

    /// <summary>The writer side of the spec (block 128, 4 miniblocks of 32), kept here to test the decoder.</summary>
    private static byte[] Encode(long[] values)
    {
        var output = new List<byte>();
        void Uleb(ulong v)
        {
            while (v >= 0x80)
            {
                output.Add((byte)(v | 0x80));
                v >>= 7;
            }

            output.Add((byte)v);
        }

        ulong ZigZag(long v) => (ulong)((v << 1) ^ (v >> 63));
        Uleb(128);
        Uleb(4);
        Uleb((ulong)values.Length);
        Uleb(ZigZag(values.Length > 0 ? values[0] : 0));
        for (var start = 1; start < values.Length; start += 128)
        {
            var deltas = Enumerable.Range(start, Math.Min(128, values.Length - start)).Select(i => unchecked(values[i] - values[i - 1])).ToArray();
            var min = deltas.Min();
            Uleb(ZigZag(min));
            var adjusted = deltas.Select(d => unchecked((ulong)(d - min))).ToArray();
            var widths = new byte[4];
            for (var m = 0; m < 4; m++)
            {
                var slice = adjusted.Skip(m * 32).Take(32).ToArray();
                widths[m] = slice.Length == 0 ? (byte)0 : (byte)(64 - ulong.LeadingZeroCount(slice.Aggregate(0UL, (x, y) => x | y)));
            }

            output.AddRange(widths);
            for (var m = 0; m < 4 && m * 32 < adjusted.Length; m++)
            {
                var bits = new bool[32 * widths[m]];
                for (var i = 0; i < 32; i++)
                {
                    var v = m * 32 + i < adjusted.Length ? adjusted[m * 32 + i] : 0;
                    for (var b = 0; b < widths[m]; b++)
                    {
                        bits[i * widths[m] + b] = ((v >> b) & 1) != 0;
                    }
                }

                for (var i = 0; i < bits.Length; i += 8)
                {
                    output.Add((byte)Enumerable.Range(0, 8).Sum(k => bits[i + k] ? 1 << k : 0));
                }
            }
        }

        return [.. output];
    }
}
