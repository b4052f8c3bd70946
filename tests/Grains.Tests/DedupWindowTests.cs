using Visco.Grains.Devices;
using Visco.Grains.Interfaces.Measurements;

namespace Visco.Grains.Tests;

/// <summary>
/// The encoded dedup window against the plainest model of what it must do (a dictionary and a queue of objects):
/// same hits, same results field for field, same eviction order, for results that fit a slot and results that do not.
/// </summary>
public sealed class DedupWindowTests
{
    [Fact]
    public void TryGet_EveryFieldComesBackAsAdded()
    {
        var window = new DedupWindow(4);
        var full = Result("s-1", low: 4.25, high: 1.5e-3, flags: ["out-of-range", "temperature-drift"], offsetHours: 2);
        var empty = Result("s-2", low: null, high: null, flags: [], @class: "", modelVersion: "");
        var unicode = Result("échantillon-血液-🧪", low: double.MaxValue, high: -0.0, flags: ["ünïcode"]);
        window.Add(full);
        window.Add(empty);
        window.Add(unicode);

        foreach (var expected in new[] { full, empty, unicode })
        {
            Assert.True(window.TryGet(expected.SampleId, out var actual));
            AssertSame(expected, actual);
        }

        Assert.False(window.TryGet("s-3", out _));
        Assert.False(window.TryGet("s-", out _));
    }

    [Fact]
    public void Add_BeyondCapacity_EvictsOldestFirst()
    {
        var window = new DedupWindow(3);
        for (var i = 1; i <= 5; i++)
        {
            window.Add(Result($"s-{i}"));
        }

        Assert.Equal(3, window.Count);
        Assert.False(window.TryGet("s-1", out _));
        Assert.False(window.TryGet("s-2", out _));
        Assert.Equal(["s-3", "s-4", "s-5"], window.Newest(10).Select(r => r.SampleId));
        Assert.Equal(["s-4", "s-5"], window.Newest(2).Select(r => r.SampleId));
    }

    [Fact]
    public void Add_SameSampleAgain_KeepsTheFirstResult()
    {
        var window = new DedupWindow(8);
        window.Add(Result("s-1", low: 1));
        window.Add(Result("s-1", low: 2));

        Assert.True(window.TryGet("s-1", out var kept));
        Assert.Equal(1, kept.Inference.LowShearViscosity);
        Assert.Equal(1, window.Count);
    }

    [Fact]
    public void Add_ResultLargerThanASlot_IsKeptAndEvictedLikeTheOthers()
    {
        var window = new DedupWindow(2);
        var longId = new string('x', DedupWindow.SlotBytes * 2);
        var manyFlags = Result("s-flags", flags: Enumerable.Range(0, 40).Select(i => $"flag-{i}").ToArray());
        var loneSurrogate = Result("s-\ud800-broken");
        window.Add(Result(longId));
        window.Add(manyFlags);

        Assert.True(window.TryGet(longId, out var first));
        Assert.Equal(longId, first.SampleId);
        Assert.True(window.TryGet("s-flags", out var second));
        Assert.Same(manyFlags, second);

        window.Add(loneSurrogate);
        Assert.False(window.TryGet(longId, out _));
        Assert.True(window.TryGet("s-\ud800-broken", out var third));
        Assert.Equal("s-\ud800-broken", third.SampleId);
        Assert.False(window.TryGet("s-\ufffd-broken", out _)); // the replacement character is another id
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(3, 3)]
    [InlineData(7, 4)]
    [InlineData(128, 5)]
    public void RandomAddsAndLookups_MatchTheModel(int capacity, int seed)
    {
        var random = new Random(seed);
        var window = new DedupWindow(capacity);
        var model = new ModelWindow(capacity);
        var ids = Enumerable.Range(0, capacity * 3).Select(i => i % 11 == 0 ? $"long-{i}-{new string('z', 300)}" : $"s-{i}").ToArray();
        for (var step = 0; step < 2_000; step++)
        {
            var id = ids[random.Next(ids.Length)];
            var result = Result(id, low: random.Next(3) == 0 ? null : random.NextDouble(), flags: random.Next(4) == 0 ? ["f"] : []);
            window.Add(result);
            model.Add(result);

            var probe = ids[random.Next(ids.Length)];
            Assert.Equal(model.TryGet(probe, out var expected), window.TryGet(probe, out var actual));
            if (expected is not null)
            {
                AssertSame(expected, actual);
            }

            Assert.Equal(model.Count, window.Count);
        }

        var newestExpected = model.Newest(capacity);
        var newestActual = window.Newest(capacity);
        Assert.Equal(newestExpected.Count, newestActual.Count);
        for (var i = 0; i < newestExpected.Count; i++)
        {
            AssertSame(newestExpected[i], newestActual[i]);
        }
    }

    private static MeasurementResult Result(
        string sampleId, double? low = 3.5, double? high = 1.2, string[]? flags = null, string @class = "normal",
        string modelVersion = "v2026.11.1", int offsetHours = 0) =>
        new(sampleId, new InferenceResult(modelVersion, low, high, @class, 0.93, flags ?? []),
            "sha256:" + new string('a', 64), new DateTimeOffset(2026, 11, 23, 4, 5, 6, TimeSpan.FromHours(offsetHours)).AddTicks(1234567));

    private static void AssertSame(MeasurementResult expected, MeasurementResult actual)
    {
        Assert.Equal(expected.SampleId, actual.SampleId);
        Assert.Equal(expected.InputHash, actual.InputHash);
        Assert.Equal(expected.ProcessedAt, actual.ProcessedAt);
        Assert.Equal(expected.ProcessedAt.Offset, actual.ProcessedAt.Offset);
        Assert.Equal(expected.Inference with { Flags = [] }, actual.Inference with { Flags = [] });
        Assert.Equal(expected.Inference.Flags, actual.Inference.Flags);
    }

    /// <summary>The window as it was before it was encoded: a dictionary of objects and a queue of their ids.</summary>
    private sealed class ModelWindow(int capacity)
    {
        private readonly Dictionary<string, MeasurementResult> _results = new(StringComparer.Ordinal);
        private readonly Queue<string> _order = new();

        public int Count => _results.Count;

        public bool TryGet(string sampleId, out MeasurementResult? result) => _results.TryGetValue(sampleId, out result);

        public void Add(MeasurementResult result)
        {
            if (!_results.TryAdd(result.SampleId, result))
            {
                return;
            }

            _order.Enqueue(result.SampleId);
            while (_order.Count > capacity)
            {
                _results.Remove(_order.Dequeue());
            }
        }

        public List<MeasurementResult> Newest(int count) =>
            _order.Skip(Math.Max(0, _order.Count - count)).Select(id => _results[id]).ToList();
    }
}
