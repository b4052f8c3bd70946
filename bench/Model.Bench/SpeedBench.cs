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

    /// <summary>Consumes results so the JIT cannot drop the timed calls.</summary>
    public static double Sink { get; private set; }

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
            predict[i] = Micros(t0);
        }

        var allocated = (GC.GetAllocatedBytesForCurrentThread() - before) / (double)sweeps.Length;

        var width = FeatureIndex.Count + ViscosityModel.StackedFeatureCount;
        var vectors = new float[sweeps.Length * width];
        var features = new double[sweeps.Length];
        for (var i = 0; i < sweeps.Length; i++)
        {
            var t0 = Stopwatch.GetTimestamp();
            SweepFeatures.Extract(sweeps[i], vectors.AsSpan(i * width, width));
            features[i] = Micros(t0);
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
                trees[i] = Micros(t0);
                Sink += low + high + scores[0];
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

    // TimeSpan has 100 ns ticks; raw timestamps keep the nanosecond resolution of the Linux clock.
    private static double Micros(long start) => (Stopwatch.GetTimestamp() - start) * 1e6 / Stopwatch.Frequency;

    private static double Median(double[] values) => Percentile(values, 0.5);

    private static double Percentile(double[] values, double q)
    {
        var sorted = (double[])values.Clone();
        Array.Sort(sorted);
        return sorted[(int)(q * (sorted.Length - 1))];
    }
}
