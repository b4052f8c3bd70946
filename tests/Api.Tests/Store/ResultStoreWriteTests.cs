using System.Buffers;
using System.Text;
using System.Text.Json;
using Visco.Grains.Interfaces.Measurements;
using Visco.Grains.Interfaces.Results;
using Visco.TestKit;

namespace Visco.Api.Tests.Store;

/// <summary>
/// The results store's write path on every provider: rows come back exactly as written, and a (device, sample) is
/// stored and counted once whether it repeats within one call, across calls merged into one group commit, or later.
/// </summary>
public abstract class ResultStoreWriteTests : IAsyncLifetime
{
    private IResultStore? _store;

    /// <summary>The store under test.</summary>
    protected IResultStore Store => _store ??= CreateStore();

    /// <summary>Opens the results store over the test's database.</summary>
    protected abstract IResultStore CreateStore();

    /// <inheritdoc />
    public Task InitializeAsync() => Task.CompletedTask;

    /// <inheritdoc />
    public virtual async Task DisposeAsync()
    {
        if (_store is IAsyncDisposable disposable)
        {
            await disposable.DisposeAsync();
        }
    }

    [ProviderFact]
    public async Task SaveAsync_EveryField_ReadBackAsWritten()
    {
        var full = Event("h1", "dev-1", "s-full", 1) with
        {
            Sweep = new SweepData("s-full", At(0), 36.85, [0.1, 1e-7, 1234567.891, 5e300, -0.0], [3.141592653589793, 2.5, 1, 0.30000000000000004, 7], 0.4, "fw-ü"),
            Result = new MeasurementResult("s-full", new InferenceResult("v7", 5.25, 4.125, ResultClasses.Elevated, 0.875, ["drift", "bubble \"x\" ü"]), "sha256:ab", At(1)),
        };
        var sparse = Event("h1", "dev-1", "s-sparse", 2) with
        {
            Sweep = new SweepData("s-sparse", At(0), 37, [5], [30], null, null),
            Result = new MeasurementResult("s-sparse", new InferenceResult("v7", null, null, ResultClasses.InvalidSample, 0.5, []), "sha256:cd", At(2)),
        };

        Assert.Equal(2, await Store.SaveAsync([full, sparse]));

        var stored = Assert.Single(await Store.FindBySampleAsync("h1", "s-full"));
        Assert.Equal(full.Sweep.ShearRate, stored.ShearRate);
        Assert.Equal(full.Sweep.ShearStress, stored.ShearStress);
        Assert.Equal(["drift", "bubble \"x\" ü"], stored.Flags);
        Assert.Equal((5.25, 4.125, 0.875, 36.85, 0.4, "fw-ü"), (stored.LowShearViscosity, stored.HighShearViscosity, stored.Confidence, stored.TemperatureC, stored.Hematocrit, stored.Firmware));
        Assert.Equal((At(0), At(1), full.ReceivedAt), (stored.TakenAt, stored.ProcessedAt, stored.ReceivedAt));
        Assert.Equal(("h1", "dev-1", "v7", "sha256:ab", ResultClasses.Elevated), (stored.HospitalId, stored.DeviceId, stored.ModelVersion, stored.InputHash, stored.Class));

        var empty = Assert.Single(await Store.FindBySampleAsync("h1", "s-sparse"));
        Assert.Equal((null, null, null, null), (empty.LowShearViscosity, empty.HighShearViscosity, empty.Hematocrit, empty.Firmware));
        Assert.Empty(empty.Flags);
        Assert.Equal([5.0], empty.ShearRate);
    }

    [ProviderFact]
    public async Task SaveAsync_NotFiniteNumber_RefusedAndNothingStored()
    {
        var bad = Event("h1", "dev-1", "s-nan", 1) with { Sweep = new SweepData("s-nan", At(0), 37, [1, double.NaN], [1, 2], null, null) };

        await Assert.ThrowsAnyAsync<ArgumentException>(() => Store.SaveAsync([Event("h1", "dev-1", "s-ok", 2), bad]));

        Assert.Equal(0, await Store.CountAsync("h1"));
        Assert.Equal(1, await Store.SaveAsync([Event("h1", "dev-1", "s-ok", 2)]));
    }

    [ProviderFact]
    public async Task SaveAsync_DuplicatesWithinOneCall_CountedOnce()
    {
        var a = Event("h1", "dev-1", "s-a", 1);
        var b = Event("h1", "dev-1", "s-b", 2);

        Assert.Equal(2, await Store.SaveAsync([a, b, a, b with { ReceivedAt = At(9) }]));
        Assert.Equal(0, await Store.SaveAsync([b, a]));

        // The same sample id from another device is another row.
        Assert.Equal(1, await Store.SaveAsync([Event("h1", "dev-2", "s-a", 3)]));
        Assert.Equal(3, await Store.CountAsync("h1"));
        Assert.Equal(2, (await Store.FindBySampleAsync("h1", "s-a")).Count);
    }

    [ProviderFact]
    public async Task SaveAsync_ConcurrentCallsOverlapping_EachSampleCountedOnceOverall()
    {
        // 40 calls at once (they merge into group commits), each with 30 events drawn from 300 samples: every sample is
        // claimed by several calls, and the counts the calls get back add up to the samples stored, no more.
        var random = new Random(17);
        var calls = Enumerable.Range(0, 40)
            .Select(_ => Enumerable.Range(0, 30).Select(_ => random.Next(300)).Select(n => Event("h1", $"dev-{n % 7}", $"s-{n}", n)).ToArray())
            .ToArray();
        var distinct = calls.SelectMany(c => c).Select(e => (e.DeviceId, e.Sweep.SampleId)).Distinct().Count();

        var counts = await Task.WhenAll(calls.Select(c => Task.Run(() => Store.SaveAsync(c))));

        Assert.Equal(distinct, counts.Sum());
        Assert.Equal(distinct, await Store.CountAsync("h1"));
        Assert.Equal(0, (await Task.WhenAll(calls.Select(c => Store.SaveAsync(c)))).Sum());
    }

    [ProviderFact]
    public async Task QueryByDeviceAsync_AfterWrites_NewestFirstAcrossPages()
    {
        await Store.SaveAsync([.. Enumerable.Range(0, 25).Select(i => Event("h1", i % 2 == 0 ? "dev-1" : "dev-2", $"s-{i}", i))]);

        var first = await Store.QueryByDeviceAsync("h1", "dev-1", new ResultQuery(Limit: 10));
        var second = await Store.QueryByDeviceAsync("h1", "dev-1", new ResultQuery(Cursor: first.NextCursor, Limit: 10));

        var samples = first.Items.Concat(second.Items).Select(r => r.SampleId).ToArray();
        Assert.Equal(Enumerable.Range(0, 25).Where(i => i % 2 == 0).Reverse().Select(i => $"s-{i}"), samples);
        Assert.Null(second.NextCursor);
        Assert.All(first.Items, r => Assert.Empty(r.ShearRate));
        Assert.Empty((await Store.QueryByDeviceAsync("h2", "dev-1", new ResultQuery())).Items);
    }

    [ProviderFact]
    public async Task WriteDevicePageAsync_SameJsonAsThePageSerialized()
    {
        // Every kind of value a row can hold: text the writer must escape, nulls, flags, awkward doubles, sub-second times.
        var odd = Event("h1", "dev-1", "s-<odd>&'\"ü漢🧪", 1) with
        {
            Sweep = new SweepData("s-<odd>&'\"ü漢🧪", At(0).AddTicks(1234560), 36.85, [0.1, 1e-7, 1234567.891, 5e300, -0.0], [3.141592653589793, 0.30000000000000004, 1, 2, 7], null, null),
            Result = new MeasurementResult("s-<odd>&'\"ü漢🧪", new InferenceResult("v<7>", null, null, ResultClasses.InvalidSample, 0.125, ["drift", "bubble \"x\" ü", "<b>"]), "sha256:ab+/", At(1)),
        };
        await Store.SaveAsync([odd, .. Enumerable.Range(2, 12).Select(i => Event("h1", "dev-1", $"s-{i}", i)), Event("h1", "dev-2", "s-other", 20)]);

        ResultQuery[] queries =
        [
            new(Limit: 5), new(Limit: 5, IncludeSweep: true), new(Limit: 100, IncludeSweep: true), new(Limit: 13), new(Limit: 12),
            new(From: At(3), To: At(9), Limit: 2), new(From: At(50), Limit: 10),
        ];
        foreach (var query in queries)
        {
            var first = await Store.QueryByDeviceAsync("h1", "dev-1", query);
            foreach (var q in first.NextCursor is null ? [query] : new[] { query, query with { Cursor = first.NextCursor } })
            {
                var expected = JsonSerializer.SerializeToUtf8Bytes(await Store.QueryByDeviceAsync("h1", "dev-1", q), ResultPage.WebJson);
                var written = new ArrayBufferWriter<byte>();
                await Store.WriteDevicePageAsync("h1", "dev-1", q, written);
                Assert.Equal(Encoding.UTF8.GetString(expected), Encoding.UTF8.GetString(written.WrittenSpan));
            }
        }
    }

    [ProviderFact]
    public async Task WriteDevicePageAsync_CursorNotIssued_Refused()
    {
        await Assert.ThrowsAsync<InvalidCursorException>(
            () => Store.WriteDevicePageAsync("h1", "dev-1", new ResultQuery(Cursor: "not-a-cursor"), new ArrayBufferWriter<byte>()));
    }

    /// <summary>A stored event of (hospital, device, sample), received <paramref name="order"/> seconds after the test's epoch.</summary>
    protected static MeasurementRecorded Event(string hospitalId, string deviceId, string sampleId, int order)
    {
        var sweep = new SweepData(sampleId, At(0), 37.0, [1, 2, 4, 8, 16], [10, 15, 22, 30, 41], 0.42, "1.0");
        var inference = new InferenceResult("1", 5.5, 4.1, ResultClasses.Normal, 0.9, []);
        return new MeasurementRecorded(deviceId, hospitalId, sweep, new MeasurementResult(sampleId, inference, "sha256:00", At(0)), At(order));
    }

    private static DateTimeOffset At(int seconds) => new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero).AddSeconds(seconds);
}
