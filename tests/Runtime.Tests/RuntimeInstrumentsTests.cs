using System.Diagnostics.Metrics;
using Visco.Runtime.Metrics;

namespace Visco.Runtime.Tests;

/// <summary>Gauges fed by several silos in one process: one figure per series, the sum of the silos'.</summary>
public sealed class RuntimeInstrumentsTests
{
    [Fact]
    public void ActivationGauge_SilosInOneProcess_ReportsTheSumPerGrainType()
    {
        // A grain type of this test only: other tests' silos in this process report theirs beside it.
        var grainType = $"gauge-probe-{Guid.NewGuid():N}";
        using var first = RuntimeInstruments.AddActivationSource(() => [Count(grainType, 3)]);
        using var second = RuntimeInstruments.AddActivationSource(() => [Count(grainType, 0)]);
        using var third = RuntimeInstruments.AddActivationSource(() => [Count(grainType, 2)]);
        using var collector = new MetricsCollector();

        var series = collector.Collect().Where(s => s.Descriptor.Name == "visco.grain.activations"
            && s.Tags.Any(t => t.Key == "grain_type" && t.Value == grainType)).ToList();

        Assert.Equal(5, Assert.Single(series).Value);
    }

    private static Measurement<long> Count(string grainType, long count) =>
        new(count, new KeyValuePair<string, object?>("grain_type", grainType));
}
