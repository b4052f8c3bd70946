namespace Visco.Model.Trees;

/// <summary>Numerically stable softmax with an optional temperature.</summary>
public static class Softmax
{
    /// <summary>Replaces raw scores by probabilities, computed from scores / <paramref name="temperature"/>.</summary>
    public static void Apply(Span<double> scores, double temperature = 1.0)
    {
        var max = double.NegativeInfinity;
        foreach (var s in scores)
        {
            max = Math.Max(max, s);
        }

        double sum = 0;
        for (var k = 0; k < scores.Length; k++)
        {
            scores[k] = Math.Exp((scores[k] - max) / temperature);
            sum += scores[k];
        }

        for (var k = 0; k < scores.Length; k++)
        {
            scores[k] /= sum;
        }
    }

    /// <summary>Index of the largest value (the first on ties).</summary>
    public static int ArgMax(ReadOnlySpan<double> values)
    {
        var best = 0;
        for (var k = 1; k < values.Length; k++)
        {
            if (values[k] > values[best])
            {
                best = k;
            }
        }

        return best;
    }
}
