using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Visco.Runtime.Metrics;

/// <summary>
/// The runtime's instruments (System.Diagnostics.Metrics, meter "Visco.Runtime"): calls, failures and latency per
/// grain type and method, activations, stream deliveries and lag, storage latency. They cost next to nothing until a
/// listener (the /metrics exporter, the dashboard, dotnet-counters) enables them.
/// </summary>
public static class RuntimeInstruments
{
    /// <summary>The meter name.</summary>
    public const string MeterName = "Visco.Runtime";

    private static readonly Meter Meter = new(MeterName, "1.0");
    private static readonly ConcurrentDictionary<object, Func<IEnumerable<Measurement<long>>>> ActivationSources = new();
    private static readonly ConcurrentDictionary<object, Func<IEnumerable<Measurement<long>>>> StreamLagSources = new();

    private static readonly Counter<long> Calls =
        Meter.CreateCounter<long>("visco.grain.calls", "{call}", "Grain calls completed, by grain type and method.");

    private static readonly Counter<long> CallFailures =
        Meter.CreateCounter<long>("visco.grain.call.failures", "{call}", "Grain calls that completed with an exception.");

    private static readonly Histogram<double> CallDuration =
        Meter.CreateHistogram<double>("visco.grain.call.duration", "ms", "Time from a call's start in its activation to its completion.");

    private static readonly Counter<long> ActivationsCreated =
        Meter.CreateCounter<long>("visco.grain.activations.created", "{activation}", "Activations created, by grain type.");

    private static readonly Counter<long> ActivationsCollected =
        Meter.CreateCounter<long>("visco.grain.activations.deactivated", "{activation}", "Activations deactivated, by grain type and reason.");

    private static readonly Counter<long> StreamDeliveries =
        Meter.CreateCounter<long>("visco.stream.deliveries", "{event}", "Stream events delivered to subscribers, by namespace.");

    private static readonly Histogram<double> StorageDuration =
        Meter.CreateHistogram<double>("visco.storage.duration", "ms", "Grain storage operation latency, by operation and provider.");

    static RuntimeInstruments()
    {
        Meter.CreateObservableGauge(
            "visco.grain.activations", () => Summed(ActivationSources), "{activation}", "Activations alive now, by grain type.");
        Meter.CreateObservableGauge(
            "visco.stream.lag", () => Summed(StreamLagSources), "{event}", "Events published but not yet delivered, by namespace.");
    }

    /// <summary>Records a completed grain call.</summary>
    public static void RecordCall(string grainType, string method, long startedTimestamp, bool failed)
    {
        if (!Calls.Enabled && !CallDuration.Enabled)
        {
            return;
        }

        var tags = new TagList { { "grain_type", grainType }, { "method", method } };
        Calls.Add(1, tags);
        CallDuration.Record(Stopwatch.GetElapsedTime(startedTimestamp).TotalMilliseconds, tags);
        if (failed)
        {
            CallFailures.Add(1, tags);
        }
    }

    /// <summary>Records an activation created.</summary>
    public static void RecordActivation(string grainType) => ActivationsCreated.Add(1, new KeyValuePair<string, object?>("grain_type", grainType));

    /// <summary>Records an activation deactivated.</summary>
    public static void RecordDeactivation(string grainType, string reason) =>
        ActivationsCollected.Add(1, new KeyValuePair<string, object?>("grain_type", grainType), new KeyValuePair<string, object?>("reason", reason));

    /// <summary>Records stream events delivered.</summary>
    public static void RecordDeliveries(string streamNamespace, int count) =>
        StreamDeliveries.Add(count, new KeyValuePair<string, object?>("namespace", streamNamespace));

    /// <summary>Records a storage operation's latency.</summary>
    public static void RecordStorage(string operation, string provider, long startedTimestamp)
    {
        if (StorageDuration.Enabled)
        {
            StorageDuration.Record(
                Stopwatch.GetElapsedTime(startedTimestamp).TotalMilliseconds,
                new KeyValuePair<string, object?>("operation", operation),
                new KeyValuePair<string, object?>("provider", provider));
        }
    }

    /// <summary>Adds a source of activation counts (one per silo); dispose to remove it.</summary>
    public static IDisposable AddActivationSource(Func<IEnumerable<Measurement<long>>> source) => Register(ActivationSources, source);

    /// <summary>Adds a source of stream lag figures (one per silo); dispose to remove it.</summary>
    public static IDisposable AddStreamLagSource(Func<IEnumerable<Measurement<long>>> source) => Register(StreamLagSources, source);

    /// <summary>
    /// One figure per series, summed over the sources: a gauge keeps the last value it is given per tag set, so with
    /// several silos in one process (tests, the in-process cluster) the last silo's count hid the others' (a silo
    /// with no note activations reported 0 over one that had some: a CI failure).
    /// </summary>
    private static IEnumerable<Measurement<long>> Summed(ConcurrentDictionary<object, Func<IEnumerable<Measurement<long>>>> sources)
    {
        var sums = new Dictionary<string, (long Value, KeyValuePair<string, object?>[] Tags)>(StringComparer.Ordinal);
        foreach (var source in sources.Values)
        {
            foreach (var measurement in source())
            {
                var tags = measurement.Tags.ToArray();
                var series = string.Join('\u001f', tags.Select(t => $"{t.Key}={t.Value}"));
                sums[series] = sums.TryGetValue(series, out var sum) ? (sum.Value + measurement.Value, sum.Tags) : (measurement.Value, tags);
            }
        }

        return [.. sums.Values.Select(s => new Measurement<long>(s.Value, s.Tags))];
    }

    private static IDisposable Register(
        ConcurrentDictionary<object, Func<IEnumerable<Measurement<long>>>> sources, Func<IEnumerable<Measurement<long>>> source)
    {
        var key = new object();
        sources[key] = source;
        return new Registration(() => sources.TryRemove(key, out _));
    }

    private sealed class Registration(Action remove) : IDisposable
    {
        public void Dispose() => remove();
    }
}
