using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Visco.Grains.Diagnostics;
using Visco.Grains.Tests.Hosting;

namespace Visco.Grains.Tests;

/// <summary>Accepted and rejected measurements show in the "Visco.Domain" meter, rejections by reason.</summary>
public sealed class MetricsTests
{
    [Fact]
    public async Task HandleAsync_AcceptedAndRejected_CountedByReasonClassAndModelVersion()
    {
        var counts = new ConcurrentDictionary<string, long>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == DomainMetrics.MeterName)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            var key = instrument.Name;
            foreach (var tag in tags)
            {
                key += $"|{tag.Key}={tag.Value}";
            }

            counts.AddOrUpdate(key, value, (_, n) => n + value);
        });
        listener.Start();
        await using var silo = await DomainSilo.StartInMemoryAsync();
        await silo.RegisterAsync("h1", "dev-metrics");

        await silo.SubmitAsync("h1", "dev-metrics", Payloads.Valid("m-1"));
        await silo.SubmitAsync("h1", "dev-metrics", Payloads.Valid("m-1"));
        await silo.SubmitAsync("h1", "dev-metrics", Payloads.Text("{\"v\":7}"));

        // Other tests run in parallel in this process and use the same static meter: lower bounds only.
        Assert.True(counts.GetValueOrDefault("visco.measurements.accepted") >= 1);
        Assert.True(counts.GetValueOrDefault("visco.measurements.duplicate") >= 1);
        Assert.True(counts.GetValueOrDefault("visco.measurements.rejected|reason=unsupported-schema-version") >= 1);
        Assert.Contains(counts.Keys, k => k.StartsWith("visco.results|class=", StringComparison.Ordinal) && k.EndsWith("|model_version=1", StringComparison.Ordinal));
    }
}
