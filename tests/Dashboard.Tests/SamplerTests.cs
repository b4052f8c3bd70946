using System.Diagnostics.Metrics;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Visco.Dashboard.Sampling;
using Visco.Dashboard.Snapshots;
using Visco.Runtime.Metrics;

namespace Visco.Dashboard.Tests;

public sealed class SamplerTests : IDisposable
{
    private readonly string _meterName = $"Visco.Test.{Guid.NewGuid():N}";
    private readonly MetricsCollector _collector = new();
    private readonly Meter _meter;
    private readonly CountingTimeProvider _time = new();
    private readonly DashboardSampler _sampler;

    public SamplerTests()
    {
        _meter = new Meter(_meterName);
        var options = Options.Create(new DashboardOptions { Linger = TimeSpan.FromSeconds(30), MaxLiveClients = 2 });
        _sampler = new DashboardSampler(_collector, _time, options, new SnapshotBuilder(null, _time.GetUtcNow()));
    }

    public void Dispose()
    {
        _sampler.Dispose();
        _meter.Dispose();
        _collector.Dispose();
    }

    [Fact]
    public void Construct_NobodyWatching_CreatesNoTimerAndSamplesNothing()
    {
        _time.Clock.Advance(TimeSpan.FromMinutes(5));

        Assert.Equal(0, _time.TimersCreated);
        Assert.False(_sampler.IsSampling);
        Assert.Equal(0, _sampler.Ticks);
    }

    [Fact]
    public void Join_LoadArrives_NextSnapshotCarriesTheRate()
    {
        var counter = _meter.CreateCounter<long>("visco.test.work");
        counter.Add(10);
        using var viewer = _sampler.Join()!;
        counter.Add(30);

        _time.Clock.Advance(TimeSpan.FromSeconds(1));

        Assert.True(viewer.Snapshots.TryRead(out var json));
        var series = FindSeries(json!, "visco.test.work");
        Assert.Equal(40, series.GetProperty("value").GetDouble());
        Assert.Equal(30, series.GetProperty("rate").GetDouble());
    }

    [Fact]
    public void Join_SeriesAppearsBetweenTicks_CountsFromZero()
    {
        var counter = _meter.CreateCounter<long>("visco.test.late");
        using var viewer = _sampler.Join()!;
        counter.Add(8, new KeyValuePair<string, object?>("reason", "new"));

        _time.Clock.Advance(TimeSpan.FromSeconds(1));

        Assert.True(viewer.Snapshots.TryRead(out var json));
        Assert.Equal(8, FindSeries(json!, "visco.test.late").GetProperty("rate").GetDouble());
    }

    [Fact]
    public void Join_HistogramSamples_IntervalQuantilesIgnoreOlderSamples()
    {
        var histogram = _meter.CreateHistogram<double>("visco.test.latency", "ms");
        histogram.Record(1000);
        using var viewer = _sampler.Join()!;
        for (var i = 0; i < 100; i++)
        {
            histogram.Record(2);
        }

        _time.Clock.Advance(TimeSpan.FromSeconds(1));

        Assert.True(viewer.Snapshots.TryRead(out var json));
        var p99 = FindSeries(json!, "visco.test.latency").GetProperty("p99").GetDouble();
        Assert.InRange(p99, 2, 2.5);
    }

    [Fact]
    public void Leave_LastViewer_StopsOnlyAfterTheLinger()
    {
        var viewer = _sampler.Join()!;
        viewer.Dispose();

        _time.Clock.Advance(TimeSpan.FromSeconds(29));
        var stillSampling = _sampler.IsSampling;
        _time.Clock.Advance(TimeSpan.FromSeconds(2));

        Assert.True(stillSampling);
        Assert.False(_sampler.IsSampling);
        Assert.Equal(0, _sampler.Ticks);
    }

    [Fact]
    public void LatestJson_PollingPage_KeepsSamplingWhilePollsContinue()
    {
        for (var i = 0; i < 5; i++)
        {
            _sampler.LatestJson();
            _time.Clock.Advance(TimeSpan.FromSeconds(20));
        }

        var whilePolled = _sampler.IsSampling;
        _time.Clock.Advance(TimeSpan.FromSeconds(31));

        Assert.True(whilePolled);
        Assert.False(_sampler.IsSampling);
        Assert.Equal(1, _time.TimersCreated);
    }

    [Fact]
    public void Join_MoreThanMaxLiveClients_RefusesTheExtraViewer()
    {
        using var first = _sampler.Join();
        using var second = _sampler.Join();

        var third = _sampler.Join();

        Assert.NotNull(second);
        Assert.Null(third);
        Assert.Equal(2, _sampler.ViewerCount);
    }

    [Fact]
    public void HistoryJson_AfterTicks_HoldsOnePointPerTickForEachChartLine()
    {
        using var viewer = _sampler.Join()!;
        _time.Clock.Advance(TimeSpan.FromSeconds(3));

        using var history = JsonDocument.Parse(_sampler.HistoryJson());

        var times = history.RootElement.GetProperty("times");
        Assert.Equal(4, times.GetArrayLength());
        var memory = history.RootElement.GetProperty("charts").EnumerateArray().Single(c => c.GetProperty("id").GetString() == "memory");
        Assert.All(memory.GetProperty("lines").EnumerateArray(), line => Assert.Equal(4, line.GetProperty("values").GetArrayLength()));
    }

    private static JsonElement FindSeries(string json, string instrument)
    {
        var document = JsonDocument.Parse(json);
        var found = document.RootElement.GetProperty("instruments").EnumerateArray().Single(i => i.GetProperty("name").GetString() == instrument);
        return found.GetProperty("series")[0];
    }
}
