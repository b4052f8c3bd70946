namespace Visco.Model.Trees;

/// <summary>
/// Post-hoc calibration of a softmax classifier (Guo et al. 2017, "On calibration of modern neural networks"): one
/// temperature T divides every logit, chosen to minimise the negative log-likelihood on held-out data. It changes
/// confidences, never the predicted class.
/// </summary>
public static class TemperatureScaling
{
    private const double MinLogT = -3.0;
    private const double MaxLogT = 3.0;

    /// <summary>
    /// Finds T for raw scores laid out row-major (<paramref name="classCount"/> per row) and their true labels.
    /// </summary>
    public static double Fit(ReadOnlySpan<double> logits, IReadOnlyList<int> labels, int classCount)
    {
        ArgumentNullException.ThrowIfNull(labels);
        if (logits.Length != labels.Count * classCount || labels.Count == 0)
        {
            throw new ArgumentException("Logits must hold classCount scores for each label.", nameof(logits));
        }

        // NLL is unimodal in log T for practical purposes; golden-section search needs no gradient.
        var phi = (Math.Sqrt(5.0) - 1.0) / 2.0;
        double a = MinLogT, b = MaxLogT;
        var c = b - (phi * (b - a));
        var d = a + (phi * (b - a));
        var fc = NegativeLogLikelihood(logits, labels, classCount, Math.Exp(c));
        var fd = NegativeLogLikelihood(logits, labels, classCount, Math.Exp(d));
        for (var i = 0; i < 60; i++)
        {
            if (fc < fd)
            {
                b = d;
                d = c;
                fd = fc;
                c = b - (phi * (b - a));
                fc = NegativeLogLikelihood(logits, labels, classCount, Math.Exp(c));
            }
            else
            {
                a = c;
                c = d;
                fc = fd;
                d = a + (phi * (b - a));
                fd = NegativeLogLikelihood(logits, labels, classCount, Math.Exp(d));
            }
        }

        return Math.Exp((a + b) / 2.0);
    }

    /// <summary>Mean negative log-likelihood of the labels under softmax(logits / temperature).</summary>
    public static double NegativeLogLikelihood(ReadOnlySpan<double> logits, IReadOnlyList<int> labels, int classCount, double temperature)
    {
        ArgumentNullException.ThrowIfNull(labels);
        Span<double> p = stackalloc double[classCount];
        double total = 0;
        for (var i = 0; i < labels.Count; i++)
        {
            logits.Slice(i * classCount, classCount).CopyTo(p);
            Softmax.Apply(p, temperature);
            total -= Math.Log(Math.Max(p[labels[i]], 1e-15));
        }

        return total / labels.Count;
    }
}
