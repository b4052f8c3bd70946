using System.Buffers.Binary;

namespace Visco.Lake.Parquet.Encodings;

/// <summary>
/// The standard CRC-32 (polynomial 0x04C11DB7, reflected, as in GZIP) that PageHeader.crc uses, slicing by 8 bytes
/// per step (eight 256-entry tables) because every page of every file passes through it. Our own because
/// System.IO.Hashing is a separate package.
/// </summary>
internal static class Crc32
{
    private static readonly uint[][] Tables = CreateTables();

    public static uint Compute(ReadOnlySpan<byte> data)
    {
        var crc = 0xFFFFFFFFu;
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

        return ~crc;
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
