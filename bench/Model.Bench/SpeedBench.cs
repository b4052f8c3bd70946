using System.Diagnostics;
using Visco.Model.Features;

namespace Visco.Model.Bench;

/// <summary>Times prediction per measurement with Stopwatch timestamps (tens of ns resolution on Linux).</summary>
internal static class SpeedBench
{
    public sealed record Result(
        double PredictMedianUs,
        double PredictP99Us,
        double FeaturesMedianUs,
        double TreesMedianUs,
        double AllocatedBytesPerPredict,
        double PredictionsPerSecond);

    public static Result Run(ViscosityModel model, Sweep[] sweeps)
    {
        // Warm up so tiered JIT has produced optimised code for every path.
        for (var round = 0; round < 5; round++)
        {
            foreach (var s in sweeps)
            {
                _ = model.Predict(s);
            }
        }

        var predict = new double[sweeps.Length];
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < sweeps.Length; i++)
        {
            var t0 = Stopwatch.GetTimestamp();
            _ = model.Predict(sweeps[i]);
            predict[i] = Stopwatch.GetElapsedTime(t0).TotalMicroseconds;
        }

        var allocated = (GC.GetAllocatedBytesForCurrentThread() - before) / (double)sweeps.Length;

        var width = FeatureIndex.Count + ViscosityModel.StackedFeatureCount;
        var vectors = new float[sweeps.Length * width];
        var features = new double[sweeps.Length];
        for (var i = 0; i < sweeps.Length; i++)
        {
            var t0 = Stopwatch.GetTimestamp();
            SweepFeatures.Extract(sweeps[i], vectors.AsSpan(i * width, width));
            features[i] = Stopwatch.GetElapsedTime(t0).TotalMicroseconds;
        }

        var trees = new double[sweeps.Length];
        Span<double> scores = stackalloc double[ViscosityModel.ClassCount];
        for (var round = 0; round < 2; round++)
        {
            for (var i = 0; i < sweeps.Length; i++)
            {
                var x = vectors.AsSpan(i * width, width);
                var t0 = Stopwatch.GetTimestamp();
                var low = model.LowShear.PredictScalar(x);
                var high = model.HighShear.PredictScalar(x);
                model.Classifier.Predict(x, scores);
                trees[i] = Stopwatch.GetElapsedTime(t0).TotalMicroseconds;
                x[^1] = (float)(low + high - low);
            }
        }

        var total = Stopwatch.StartNew();
        foreach (var s in sweeps)
        {
            _ = model.Predict(s);
        }

        var perSecond = sweeps.Length / total.Elapsed.TotalSeconds;
        return new Result(Median(predict), Percentile(predict, 0.99), Median(features), Median(trees), allocated, perSecond);
    }

    private static double Median(double[] values) => Percentile(values, 0.5);

    private static double Percentile(double[] values, double q)
    {
        var sorted = (double[])values.Clone();
        Array.Sort(sorted);
        return sorted[(int)(q * (sorted.Length - 1))];
    }
}
