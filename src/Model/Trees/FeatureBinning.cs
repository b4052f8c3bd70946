namespace Visco.Model.Trees;

/// <summary>
/// Quantile bin edges per feature. Value v falls in bin b when edges[b-1] &lt; v &lt;= edges[b]; a split "bin &lt;= b"
/// is therefore exactly the float test "v &lt;= edges[b]" that the flattened trees evaluate.
/// </summary>
internal sealed class FeatureBinning
{
    private const int MaxSample = 50_000;

    private FeatureBinning(float[][] edges, int maxBins)
    {
        Edges = edges;
        MaxBins = maxBins;
    }

    public float[][] Edges { get; }

    public int MaxBins { get; }

    public static FeatureBinning Fit(FeatureMatrix data, int maxBins)
    {
        var edges = new float[data.Columns][];
        var step = Math.Max(1, data.Rows / MaxSample);
        var sample = new float[(data.Rows + step - 1) / step];
        for (var f = 0; f < data.Columns; f++)
        {
            var count = 0;
            for (var r = 0; r < data.Rows; r += step)
            {
                sample[count++] = data[r, f];
            }

            edges[f] = QuantileEdges(sample.AsSpan(0, count), maxBins);
        }

        return new FeatureBinning(edges, maxBins);
    }

    public byte Bin(int feature, float value)
    {
        var e = Edges[feature];
        int lo = 0, hi = e.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >> 1;
            if (e[mid] < value)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return (byte)lo;
    }

    private static float[] QuantileEdges(Span<float> values, int maxBins)
    {
        values.Sort();
        var distinct = new List<float>();
        foreach (var v in values)
        {
            if (distinct.Count == 0 || v > distinct[^1])
            {
                distinct.Add(v);
                if (distinct.Count > maxBins)
                {
                    break;
                }
            }
        }

        // Few distinct values (counts, flags): every value below the maximum gets its own edge.
        if (distinct.Count <= maxBins)
        {
            return [.. distinct.Take(distinct.Count - 1)];
        }

        var edges = new List<float>(maxBins);
        var max = values[^1];
        for (var j = 1; j < maxBins; j++)
        {
            var q = values[(int)((long)j * values.Length / maxBins)];
            if (q < max && (edges.Count == 0 || q > edges[^1]))
            {
                edges.Add(q);
            }
        }

        return [.. edges];
    }
}
