using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;
using Visco.Grains.Archive;

namespace Visco.Domain.Bench;

/// <summary>
/// Samples how far the training-lake archive is behind, every 100 ms, two ways:
/// <list type="bullet">
/// <item><b>end to end</b>: acknowledged measurements minus rows in lake files (the <c>visco.lake.archived_rows</c>
/// counter), and in seconds how long ago the oldest not-yet-archived measurement was acknowledged (from the timeline
/// of acknowledgements; hospitals mixed). This includes events still waiting in the stream.</item>
/// <item><b>the archive's own gauges</b> <c>visco.lake.lag_events</c> (summed over hospitals) and
/// <c>visco.lake.lag_seconds</c> (the worst hospital): rows the archive grains hold but have not written, aged from
/// when the cloud received them.</item>
/// </list>
/// </summary>
internal sealed class ArchiveLagMonitor : IAsyncDisposable
{
    private readonly Func<long> _acknowledged;
    private readonly MeterListener _listener = new();
    private readonly List<(long Timestamp, long Acknowledged)> _timeline = [];
    private readonly List<LagSample> _samples = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private long _archived;
    private long _files;
    private long _gaugeEvents;
    private double _gaugeSeconds;

    public ArchiveLagMonitor(Func<long> acknowledged)
    {
        _acknowledged = acknowledged;
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == ArchiveMetrics.MeterName)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, _, _) =>
        {
            switch (instrument.Name)
            {
                case "visco.lake.archived_rows":
                    Interlocked.Add(ref _archived, value);
                    break;
                case "visco.lake.files":
                    Interlocked.Add(ref _files, value);
                    break;
                case "visco.lake.lag_events":
                    _gaugeEvents += value;
                    break;
            }
        });
        _listener.SetMeasurementEventCallback<double>((instrument, value, _, _) =>
        {
            if (instrument.Name == "visco.lake.lag_seconds")
            {
                _gaugeSeconds = Math.Max(_gaugeSeconds, value);
            }
        });
        _listener.Start();
        _loop = Task.Run(LoopAsync);
    }

    /// <summary>Rows in lake files so far.</summary>
    public long Archived => Interlocked.Read(ref _archived);

    /// <summary>Lake files written so far.</summary>
    public long Files => Interlocked.Read(ref _files);

    /// <summary>The latest sample.</summary>
    public LagSample Latest
    {
        get
        {
            lock (_samples)
            {
                return _samples.Count > 0 ? _samples[^1] : default;
            }
        }
    }

    /// <summary>p50 and max of the samples taken between two Stopwatch timestamps.</summary>
    public LagSummary Summarize(long from, long to)
    {
        List<LagSample> window;
        lock (_samples)
        {
            window = _samples.Where(s => s.Timestamp >= from && s.Timestamp <= to).ToList();
        }

        if (window.Count == 0)
        {
            return default;
        }

        static double Median(IEnumerable<double> values)
        {
            var sorted = values.Order().ToList();
            return sorted[sorted.Count / 2];
        }

        return new LagSummary(
            window.Count,
            Median(window.Select(s => (double)s.EventsBehind)), window.Max(s => s.EventsBehind),
            Median(window.Select(s => s.SecondsBehind)), window.Max(s => s.SecondsBehind),
            Median(window.Select(s => (double)s.GaugeEvents)), window.Max(s => s.GaugeEvents),
            Median(window.Select(s => s.GaugeSeconds)), window.Max(s => s.GaugeSeconds));
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        _listener.Dispose();
        _stop.Dispose();
    }

    private async Task LoopAsync()
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(100));
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token))
            {
                Sample();
            }
        }
        catch (OperationCanceledException)
        {
            // Stopped.
        }
    }

    private void Sample()
    {
        var now = Stopwatch.GetTimestamp();
        var acknowledged = _acknowledged();
        _timeline.Add((now, acknowledged));
        _gaugeEvents = 0;
        _gaugeSeconds = 0;
        _listener.RecordObservableInstruments();
        var archived = Archived;
        var behind = Math.Max(0, acknowledged - archived);
        var seconds = behind == 0 ? 0 : Stopwatch.GetElapsedTime(AcknowledgedAt(archived + 1), now).TotalSeconds;
        lock (_samples)
        {
            _samples.Add(new LagSample(now, behind, seconds, _gaugeEvents, _gaugeSeconds));
        }
    }

    /// <summary>When the <paramref name="n"/>-th measurement had been acknowledged (first sample that counted it).</summary>
    private long AcknowledgedAt(long n)
    {
        int low = 0, high = _timeline.Count - 1;
        while (low < high)
        {
            var mid = (low + high) / 2;
            if (_timeline[mid].Acknowledged >= n)
            {
                high = mid;
            }
            else
            {
                low = mid + 1;
            }
        }

        return _timeline[low].Timestamp;
    }
}

/// <summary>One sample of the archive's lag.</summary>
internal readonly record struct LagSample(long Timestamp, long EventsBehind, double SecondsBehind, long GaugeEvents, double GaugeSeconds)
{
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{EventsBehind} behind ({SecondsBehind:F1} s); archive gauges {GaugeEvents} pending, oldest {GaugeSeconds:F1} s");
}

/// <summary>p50/max of the lag samples of a phase.</summary>
internal readonly record struct LagSummary(
    int Samples, double EventsP50, long EventsMax, double SecondsP50, double SecondsMax,
    double GaugeEventsP50, long GaugeEventsMax, double GaugeSecondsP50, double GaugeSecondsMax)
{
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"end to end p50 {EventsP50:F0} events / {SecondsP50:F1} s, max {EventsMax} events / {SecondsMax:F1} s; " +
        $"archive gauges p50 {GaugeEventsP50:F0} pending / {GaugeSecondsP50:F1} s, max {GaugeEventsMax} / {GaugeSecondsMax:F1} s ({Samples} samples)");
}
