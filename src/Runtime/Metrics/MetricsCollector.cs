using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Globalization;

namespace Visco.Runtime.Metrics;

/// <summary>
/// Listens to our meters ("Visco.*"), the .NET runtime's ("System.Runtime": GC, CPU, memory) and ASP.NET Core's, and
/// keeps one aggregate per instrument and tag set. The /metrics endpoint and the dashboard both read from here, so
/// every figure an operator sees is one the runtime already keeps.
/// </summary>
public sealed class MetricsCollector : IDisposable
{
    private static readonly string[] MeterPrefixes = ["Visco.", "System.Runtime", "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel"];

    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<Instrument, InstrumentAggregate> _instruments = new();

    /// <summary>Starts listening.</summary>
    public MetricsCollector()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (MeterPrefixes.Any(p => instrument.Meter.Name.StartsWith(p, StringComparison.Ordinal)))
            {
                var aggregate = _instruments.GetOrAdd(instrument, i => new InstrumentAggregate(Describe(i)));
                listener.EnableMeasurementEvents(instrument, aggregate);
            }
        };
        _listener.MeasurementsCompleted = (instrument, _) => _instruments.TryRemove(instrument, out InstrumentAggregate? _);
        _listener.SetMeasurementEventCallback<long>(static (_, value, tags, state) => ((InstrumentAggregate)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<int>(static (_, value, tags, state) => ((InstrumentAggregate)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<double>(static (_, value, tags, state) => ((InstrumentAggregate)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<float>(static (_, value, tags, state) => ((InstrumentAggregate)state!).Record(value, tags));
        _listener.Start();
    }

    /// <summary>Observes the observable instruments, then returns every series.</summary>
    public IReadOnlyList<MetricSeries> Collect()
    {
        _listener.RecordObservableInstruments();
        return _instruments.Values.SelectMany(i => i.Series).ToList();
    }

    /// <inheritdoc />
    public void Dispose() => _listener.Dispose();

    private static MetricDescriptor Describe(Instrument instrument)
    {
        var type = instrument.GetType();
        var generic = type.IsGenericType ? type.GetGenericTypeDefinition() : type;
        var kind = generic == typeof(Histogram<>) ? MetricKind.Histogram
            : generic == typeof(Counter<>) ? MetricKind.Counter
            : generic == typeof(UpDownCounter<>) ? MetricKind.UpDownCounter
            : generic == typeof(ObservableCounter<>) ? MetricKind.ObservedCounter
            : MetricKind.Gauge;
        return new MetricDescriptor(instrument.Meter.Name, instrument.Name, instrument.Unit, instrument.Description, kind);
    }

    private sealed class InstrumentAggregate(MetricDescriptor descriptor)
    {
        private readonly ConcurrentDictionary<TagSet, MetricSeries> _series = new();

        public IEnumerable<MetricSeries> Series => _series.Values;

        public void Record(double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            var key = new TagSet(tags);
            if (!_series.TryGetValue(key, out var series))
            {
                var strings = key.Tags
                    .Select(t => new KeyValuePair<string, string>(t.Key, Convert.ToString(t.Value, CultureInfo.InvariantCulture) ?? string.Empty))
                    .ToArray();
                series = _series.GetOrAdd(key, new MetricSeries(descriptor, strings));
            }

            series.Record(value);
        }
    }
}
