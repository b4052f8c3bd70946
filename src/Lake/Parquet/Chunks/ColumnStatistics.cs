using System.Buffers.Binary;
using System.Text;
using Visco.Lake.Parquet.Format;

namespace Visco.Lake.Parquet.Chunks;

/// <summary>
/// Chunk statistics: null count always, min/max as PLAIN bytes (strings without the length prefix). Numbers also get
/// the deprecated signed-order <c>min</c>/<c>max</c>, which equal the type order for them; strings do not, since old
/// readers compared those bytes signed. Floating-point bounds skip NaN and write zero as -0.0 (min) / +0.0 (max), as
/// parquet.thrift's ColumnOrder rules ask.
/// </summary>
internal static class ColumnStatistics
{
    /// <summary>Longer string bounds are left out rather than bloating the footer.</summary>
    private const int MaxStringBoundBytes = 512;

    public static Statistics Compute(Array dense, long nullCount, string[]? dictionary)
    {
        var statistics = new Statistics { NullCount = nullCount };
        switch (dictionary ?? dense)
        {
            case bool[] v when v.Length > 0:
                var hasTrue = Array.IndexOf(v, true) >= 0;
                var hasFalse = Array.IndexOf(v, false) >= 0;
                SetBoth(statistics, [(byte)(hasFalse ? 0 : 1)], [(byte)(hasTrue ? 1 : 0)]);
                break;
            case int[] v when v.Length > 0:
                SetBoth(statistics, Bytes(v.Min()), Bytes(v.Max()));
                break;
            case long[] v when v.Length > 0:
                SetBoth(statistics, Bytes(v.Min()), Bytes(v.Max()));
                break;
            case float[] v:
                SetFloating(statistics, Array.ConvertAll(v, x => (double)x), isFloat: true);
                break;
            case double[] v:
                SetFloating(statistics, v, isFloat: false);
                break;
            case string[] v when v.Length > 0:
                SetStrings(statistics, v);
                break;
        }

        return statistics;
    }

    private static void SetBoth(Statistics statistics, byte[] min, byte[] max)
    {
        statistics.MinValue = statistics.Min = min;
        statistics.MaxValue = statistics.Max = max;
    }

    private static void SetFloating(Statistics statistics, ReadOnlySpan<double> values, bool isFloat)
    {
        var min = double.PositiveInfinity;
        var max = double.NegativeInfinity;
        var any = false;
        foreach (var value in values)
        {
            if (double.IsNaN(value))
            {
                continue;
            }

            any = true;
            min = Math.Min(min, value);
            max = Math.Max(max, value);
        }

        if (!any)
        {
            return;
        }

        min = min == 0 ? -0.0 : min;
        max = max == 0 ? 0.0 : max;
        if (isFloat)
        {
            SetBoth(statistics, Bytes((float)min), Bytes((float)max));
        }
        else
        {
            SetBoth(statistics, Bytes(min), Bytes(max));
        }
    }

    private static void SetStrings(Statistics statistics, string[] values)
    {
        var min = values[0];
        var max = values[0];
        foreach (var value in values)
        {
            if (Utf8Order.Instance.Compare(value, min) < 0)
            {
                min = value;
            }

            if (Utf8Order.Instance.Compare(value, max) > 0)
            {
                max = value;
            }
        }

        var minBytes = Encoding.UTF8.GetBytes(min);
        var maxBytes = Encoding.UTF8.GetBytes(max);
        if (minBytes.Length <= MaxStringBoundBytes && maxBytes.Length <= MaxStringBoundBytes)
        {
            statistics.MinValue = minBytes;
            statistics.MaxValue = maxBytes;
        }
    }

    private static byte[] Bytes(int value)
    {
        var bytes = new byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(bytes, value);
        return bytes;
    }

    private static byte[] Bytes(long value)
    {
        var bytes = new byte[8];
        BinaryPrimitives.WriteInt64LittleEndian(bytes, value);
        return bytes;
    }

    private static byte[] Bytes(float value)
    {
        var bytes = new byte[4];
        BinaryPrimitives.WriteSingleLittleEndian(bytes, value);
        return bytes;
    }

    private static byte[] Bytes(double value)
    {
        var bytes = new byte[8];
        BinaryPrimitives.WriteDoubleLittleEndian(bytes, value);
        return bytes;
    }
}
