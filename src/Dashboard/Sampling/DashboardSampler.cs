using System.Text.Json;
using Microsoft.Extensions.Options;
using Visco.Dashboard.Snapshots;
using Visco.Runtime.Metrics;

namespace Visco.Dashboard.Sampling;

/// <summary>
/// Samples the metrics collector while someone watches, and only then. The first viewer (a live stream, or a poll of
/// the JSON API) starts a timer; each tick turns running totals into rates, appends chart history and hands the
/// snapshot to every live viewer. When the last viewer has been gone for <see cref="DashboardOptions.Linger"/>, the
/// timer is disposed and the rates and history are dropped: an unwatched dashboard runs no code and holds no samples.
/// </summary>
internal sealed class DashboardSampler : IDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly Lock _lock = new();
    private readonly List<LiveViewer> _viewers = [];
    private readonly MetricsCollector _collector;
    private readonly TimeProvider _time;
    private readonly DashboardOptions _options;
    private readonly SnapshotBuilder _builder;
    private Session? _session;
    private long _lastInterest;
    private bool _disposed;

    /// <summary>Creates the sampler; nothing runs until the first viewer.</summary>
    public DashboardSampler(MetricsCollector collector, TimeProvider time, IOptions<DashboardOptions> options, SnapshotBuilder builder)
    {
        _collector = collector;
        _time = time;
        _options = options.Value;
        _builder = builder;
    }

    /// <summary>Whether the timer runs.</summary>
    public bool IsSampling
    {
        get
        {
            lock (_lock)
            {
                return _session is not null;
            }
        }
    }

    /// <summary>Live viewers connected now.</summary>
    public int ViewerCount
    {
        get
        {
            lock (_lock)
            {
                return _viewers.Count;
            }
        }
    }

    /// <summary>Ticks taken since sampling last started.</summary>
    public long Ticks
    {
        get
        {
            lock (_lock)
            {
                return _session?.Ticks ?? 0;
            }
        }
    }

    /// <summary>Adds a live viewer (starting the sampler), or returns null when <see cref="DashboardOptions.MaxLiveClients"/> are connected.</summary>
    public LiveViewer? Join()
    {
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_viewers.Count >= _options.MaxLiveClients)
            {
                return null;
            }

            var viewer = new LiveViewer(this);
            _viewers.Add(viewer);
            EnsureStarted();
            return viewer;
        }
    }

    /// <summary>The newest snapshot as JSON; counts as interest, so a polling page keeps the sampler alive.</summary>
    public string LatestJson()
    {
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _lastInterest = _time.GetTimestamp();
            EnsureStarted();
            return _session!.LatestJson;
        }
    }

    /// <summary>The chart history as JSON; counts as interest.</summary>
    public string HistoryJson()
    {
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _lastInterest = _time.GetTimestamp();
            EnsureStarted();
            return JsonSerializer.Serialize(_session!.History.View(), Json);
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        lock (_lock)
        {
            _disposed = true;
            StopLocked();
            foreach (var viewer in _viewers)
            {
                viewer.Complete();
            }
        }
    }

    /// <summary>Removes a viewer; the sampler stops a linger period later unless another arrives.</summary>
    internal void Leave(LiveViewer viewer)
    {
        lock (_lock)
        {
            if (_viewers.Remove(viewer))
            {
                _lastInterest = _time.GetTimestamp();
            }
        }
    }

    private void EnsureStarted()
    {
        if (_session is not null)
        {
            return;
        }

        var capacity = (int)Math.Ceiling(_options.History / _options.SampleInterval);
        _session = new Session(new RateCalculator(_time), new ChartHistory(ChartCatalog.All, capacity));
        _lastInterest = _time.GetTimestamp();

        // The first sample is the baseline the first rates are measured from; it has totals and levels, no rates.
        SampleLocked(_session);
        _session.Timer = _time.CreateTimer(static state => ((DashboardSampler)state!).OnTick(), this, _options.SampleInterval, _options.SampleInterval);
    }

    private void OnTick()
    {
        lock (_lock)
        {
            if (_session is not { } session)
            {
                return;
            }

            if (_viewers.Count == 0 && _time.GetElapsedTime(_lastInterest) >= _options.Linger)
            {
                StopLocked();
                return;
            }

            SampleLocked(session);
            foreach (var viewer in _viewers)
            {
                viewer.Offer(session.LatestJson);
            }
        }
    }

    private void SampleLocked(Session session)
    {
        var samples = session.Rates.Sample(_collector.Collect());
        var byName = samples.ToLookup(s => s.Name, StringComparer.Ordinal);
        var charts = ChartCatalog.All.ToDictionary(c => c.Id, c => ChartEvaluator.Evaluate(c, byName), StringComparer.Ordinal);
        var now = _time.GetUtcNow();
        session.History.Append(now.ToUnixTimeMilliseconds(), charts);
        var snapshot = _builder.Build(now, session.Rates.IntervalSeconds, samples, charts);
        session.LatestJson = JsonSerializer.Serialize(snapshot, Json);
        session.Ticks++;
    }

    private void StopLocked()
    {
        _session?.Timer?.Dispose();
        _session = null;
    }

    private sealed class Session(RateCalculator rates, ChartHistory history)
    {
        public RateCalculator Rates { get; } = rates;

        public ChartHistory History { get; } = history;

        public ITimer? Timer { get; set; }

        public string LatestJson { get; set; } = "{}";

        public long Ticks { get; set; }
    }
}
