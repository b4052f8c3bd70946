using System.Diagnostics.Metrics;
using Visco.Dashboard.Sampling;
using Visco.Runtime.Metrics;

namespace Visco.Dashboard.Tests;

public sealed class BucketBoundsTests
{
    [Theory]
    [InlineData(0.5)]
    [InlineData(0.9)]
    [InlineData(0.99)]
    public void Quantile_SameCountsAsTheCollector_AgreesWithTheCollectorsQuantile(double quantile)
    {
        using var collector = new MetricsCollector();
        using var meter = new Meter($"Visco.Test.{Guid.NewGuid():N}");
        var histogram = meter.CreateHistogram<double>("visco.test.spread", "ms");
        foreach (var value in new[] { 0.0005, 0.02, 0.3, 1, 4, 17, 250, 9000, 1e7 })
        {
            histogram.Record(value);
        }

        var series = collector.Collect().Single(s => s.Descriptor.Name == "visco.test.spread");

        Assert.Equal(BucketBounds.Bounds.Count + 1, series.Buckets().Length);
        Assert.Equal(series.Quantile(quantile), BucketBounds.Quantile(series.Buckets(), quantile));
    }

    [Fact]
    public void Quantile_NoSamples_IsNull() => Assert.Null(BucketBounds.Quantile(BucketBounds.Empty(), 0.5));
}
