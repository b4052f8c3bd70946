using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Visco.Lake.Parquet.Encodings;

/// <summary>
/// The standard CRC-32 (polynomial 0x04C11DB7, reflected, as in GZIP) that PageHeader.crc uses. Every page of every
/// file passes through it, so on x86 with PCLMULQDQ the bulk is folded 64 bytes per step with carry-less multiplies
/// (Intel's "Fast CRC Computation for Generic Polynomials Using PCLMULQDQ", the constants zlib uses for this
/// polynomial), and the rest, or everything elsewhere, goes slicing by 8 bytes per step (eight 256-entry tables).
/// Our own because System.IO.Hashing is a separate package that does not restore here.
/// </summary>
internal static class Crc32
{
    private const int FoldMinimum = 64;
    private static readonly uint[][] Tables = CreateTables();

    public static uint Compute(ReadOnlySpan<byte> data)
    {
        var crc = 0xFFFFFFFFu;
        if (Pclmulqdq.IsSupported && Sse2.IsSupported && data.Length >= FoldMinimum)
        {
            var folded = data.Length & ~15;
            crc = Fold(data[..folded], crc);
            data = data[folded..];
        }

        return ~Update(crc, data);
    }

    /// <summary>The slicing-by-8 table method, also the reference the folded path is tested against.</summary>
    internal static uint ComputeWithTables(ReadOnlySpan<byte> data) => ~Update(0xFFFFFFFFu, data);

    /// <summary>
    /// Folds <paramref name="data"/> (at least 64 bytes, a multiple of 16) into the running (inverted) CRC: four
    /// 128-bit lanes folded 64 bytes at a time, reduced to one lane, to 64 bits, then Barrett-reduced to 32.
    /// </summary>
    private static uint Fold(ReadOnlySpan<byte> data, uint crc)
    {
        var k1k2 = Vector128.Create(0x0154442bd4UL, 0x01c6e41596UL);
        var k3k4 = Vector128.Create(0x01751997d0UL, 0x00ccaa009eUL);
        var k5k0 = Vector128.Create(0x0163cd6124UL, 0UL);
        var poly = Vector128.Create(0x01db710641UL, 0x01f7011641UL);
        var x1 = Load(data, 0) ^ Vector128.CreateScalar(crc).AsUInt64();
        var x2 = Load(data, 16);
        var x3 = Load(data, 32);
        var x4 = Load(data, 48);
        data = data[64..];
        while (data.Length >= 64)
        {
            x1 = FoldInto(x1, k1k2, Load(data, 0));
            x2 = FoldInto(x2, k1k2, Load(data, 16));
            x3 = FoldInto(x3, k1k2, Load(data, 32));
            x4 = FoldInto(x4, k1k2, Load(data, 48));
            data = data[64..];
        }

        x1 = FoldInto(x1, k3k4, x2);
        x1 = FoldInto(x1, k3k4, x3);
        x1 = FoldInto(x1, k3k4, x4);
        while (data.Length >= 16)
        {
            x1 = FoldInto(x1, k3k4, Load(data, 0));
            data = data[16..];
        }

        // 128 bits to 64.
        var low32 = Vector128.Create(~0u, 0u, ~0u, 0u).AsUInt64();
        x2 = Pclmulqdq.CarrylessMultiply(x1, k3k4, 0x10);
        x1 = Sse2.ShiftRightLogical128BitLane(x1, 8) ^ x2;
        x2 = Sse2.ShiftRightLogical128BitLane(x1, 4);
        x1 = Pclmulqdq.CarrylessMultiply(x1 & low32, k5k0, 0x00) ^ x2;

        // Barrett reduction to 32 bits.
        x2 = Pclmulqdq.CarrylessMultiply(x1 & low32, poly, 0x10);
        x2 = Pclmulqdq.CarrylessMultiply(x2 & low32, poly, 0x00);
        return (x1 ^ x2).AsUInt32().GetElement(1);
    }

    private static Vector128<ulong> FoldInto(Vector128<ulong> x, Vector128<ulong> k, Vector128<ulong> next) =>
        Pclmulqdq.CarrylessMultiply(x, k, 0x00) ^ Pclmulqdq.CarrylessMultiply(x, k, 0x11) ^ next;

    private static Vector128<ulong> Load(ReadOnlySpan<byte> data, int offset) =>
        MemoryMarshal.Read<Vector128<ulong>>(data.Slice(offset, 16));

    private static uint Update(uint crc, ReadOnlySpan<byte> data)
    {
        var t0 = Tables[0];
        var t1 = Tables[1];
        var t2 = Tables[2];
        var t3 = Tables[3];
        var t4 = Tables[4];
        var t5 = Tables[5];
        var t6 = Tables[6];
        var t7 = Tables[7];
        while (data.Length >= 8)
        {
            var low = BinaryPrimitives.ReadUInt32LittleEndian(data) ^ crc;
            var high = BinaryPrimitives.ReadUInt32LittleEndian(data[4..]);
            crc = t7[low & 0xFF] ^ t6[(low >> 8) & 0xFF] ^ t5[(low >> 16) & 0xFF] ^ t4[low >> 24] ^
                t3[high & 0xFF] ^ t2[(high >> 8) & 0xFF] ^ t1[(high >> 16) & 0xFF] ^ t0[high >> 24];
            data = data[8..];
        }

        foreach (var b in data)
        {
            crc = t0[(crc ^ b) & 0xFF] ^ (crc >> 8);
        }

        return crc;
    }

    private static uint[][] CreateTables()
    {
        var tables = new uint[8][];
        tables[0] = new uint[256];
        for (uint i = 0; i < 256; i++)
        {
            var c = i;
            for (var k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            }

            tables[0][i] = c;
        }

        for (var t = 1; t < 8; t++)
        {
            tables[t] = new uint[256];
            for (var i = 0; i < 256; i++)
            {
                var previous = tables[t - 1][i];
                tables[t][i] = (previous >> 8) ^ tables[0][previous & 0xFF];
            }
        }

        return tables;
    }
}
