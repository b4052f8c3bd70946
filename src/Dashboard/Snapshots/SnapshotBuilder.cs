using System.Diagnostics;
using Visco.Dashboard.Sampling;
using Visco.Runtime.Hosting;
using Visco.Runtime.Metrics;

namespace Visco.Dashboard.Snapshots;

/// <summary>Builds what the page shows from one tick's samples and the silo.</summary>
internal sealed class SnapshotBuilder(SiloHost? silo, DateTimeOffset processStart)
{
    private readonly string _siloName = $"{Environment.MachineName}/{Environment.ProcessId}";

    /// <summary>When this process started, for uptime.</summary>
    public static DateTimeOffset CurrentProcessStart()
    {
        using var process = Process.GetCurrentProcess();
        return process.StartTime.ToUniversalTime();
    }

    /// <summary>The snapshot of one tick.</summary>
    public DashboardSnapshot Build(
        DateTimeOffset now, double intervalSeconds, IReadOnlyList<SeriesSample> samples, IReadOnlyDictionary<string, Dictionary<string, double>> charts)
    {
        var byName = samples.ToLookup(s => s.Name, StringComparer.Ordinal);
        return new DashboardSnapshot(
            now.ToUnixTimeMilliseconds(),
            intervalSeconds,
            [Silo(now)],
            ProcessStatistics.Read(byName),
            GrainStatistics.Types(byName, silo?.ActivationsByType()),
            GrainStatistics.Methods(byName),
            GrainStatistics.Busiest(byName),
            Instruments(samples),
            charts);
    }

    private SiloView Silo(DateTimeOffset now) => new(
        _siloName,
        silo is null ? "unknown" : silo.IsRunning ? "running" : "stopped",
        silo?.Store.Name,
        silo?.ActivationCount ?? 0,
        Math.Max(0, (now - processStart).TotalSeconds));

    private static List<InstrumentView> Instruments(IReadOnlyList<SeriesSample> samples) =>
        samples
            .GroupBy(s => s.Series.Descriptor)
            .OrderBy(g => g.Key.Meter, StringComparer.Ordinal).ThenBy(g => g.Key.Name, StringComparer.Ordinal)
            .Select(g => new InstrumentView(
                g.Key.Name,
                g.Key.Meter,
                g.Key.Kind.ToString().ToLowerInvariant(),
                g.Key.Unit,
                g.Key.Description,
                g.Select(Series).ToList()))
            .ToList();

    private static SeriesView Series(SeriesSample sample)
    {
        var tags = sample.Series.Tags.ToDictionary(t => t.Key, t => t.Value, StringComparer.Ordinal);
        if (sample.Series.Descriptor.Kind != MetricKind.Histogram)
        {
            return new SeriesView(tags, sample.Value, sample.Rate, null, null);
        }

        var interval = sample.IntervalBuckets;
        return new SeriesView(
            tags,
            sample.Value,
            sample.Rate,
            interval is null ? null : BucketBounds.Quantile(interval, 0.5),
            interval is null ? null : BucketBounds.Quantile(interval, 0.99));
    }
}
