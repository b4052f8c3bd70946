using System.Numerics;

namespace Visco.Lake.Parquet.Encodings;

/// <summary>Bit widths of levels and dictionary indices.</summary>
internal static class BitWidth
{
    /// <summary>The number of bits needed to hold values 0..<paramref name="maxValue"/>.</summary>
    public static int Of(int maxValue) => maxValue <= 0 ? 0 : 32 - BitOperations.LeadingZeroCount((uint)maxValue);
}
