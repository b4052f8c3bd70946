using System.Diagnostics.Metrics;
using Visco.Grains.Archive;
using Visco.Grains.Interfaces.Measurements;
using Visco.Lake.Rows;
using Visco.Lake.Storage;
using Visco.Retraining.Tests.Hosting;
using Visco.TestKit;

namespace Visco.Retraining.Tests;

public sealed class ArchiveGrainTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task KillMidBatch_RestartOnSameStore_LakeHasEveryMeasurementOnce()
    {
        var silo = await ArchiveSilo.StartAsync(new ArchiveOptions { MaxBatchRows = 50, MaxBatchAge = TimeSpan.FromMinutes(5), RetryDelay = TimeSpan.Zero });
        await using (silo)
        {
            var start = silo.Time.GetUtcNow();
            var first = Enumerable.Range(0, 125).Select(i => Events.Create("h1", $"dev-{i % 3}", $"s-{i}", start.AddMinutes(i))).ToList();
            await silo.PublishAsync("h1", first);
            await WaitForAsync(silo, "h1", s => s.LastSequence == 125);
            var before = await silo.Archive("h1").GetStatus();
            Assert.Equal(100, before.ArchivedThrough);
            Assert.Equal(25, before.PendingRows);

            // 25 measurements were delivered and are held in memory, not committed, when the silo dies.
            Assert.Equal(100, await silo.ArchiveCheckpointAsync("h1"));
            await silo.KillAndRestartAsync();

            // A sample published twice (a crash between a device's append and its acknowledgement) and new ones.
            var later = new List<MeasurementRecorded> { Events.Create("h1", "dev-1", "s-7", start.AddDays(1)) };
            later.AddRange(Enumerable.Range(125, 30).Select(i => Events.Create("h1", $"dev-{i % 3}", $"s-{i}", start.AddDays(1).AddMinutes(i))));
            await silo.PublishAsync("h1", later);
            await WaitForAsync(silo, "h1", s => s.LastSequence == 156);
            var status = await silo.Archive("h1").Flush();

            Assert.Equal(156, status.ArchivedThrough);
            var rows = await LakeReadBack.MeasurementsAsync(silo.Lake, "h1");
            var samples = rows.Select(r => r.Row.SampleId).ToList();
            Assert.Equal(155, samples.Count);
            Assert.Equal(Enumerable.Range(0, 155).Select(i => $"s-{i}").Order(), samples.Order());
            Assert.Empty(await silo.Lake.ListAsync("lake/_spool/"));
            Assert.Equal(156, await silo.ArchiveCheckpointAsync("h1"));
            Assert.All(rows, r => Assert.Contains($"date={r.Row.ReceivedAt.UtcDateTime:yyyy-MM-dd}/", r.File, StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task KillWhileArchivingBacklog_Restart_EveryMeasurementOnce()
    {
        var silo = await ArchiveSilo.StartAsync(new ArchiveOptions { MaxBatchRows = 40, MaxBatchAge = TimeSpan.FromMinutes(5), RetryDelay = TimeSpan.Zero });
        await using (silo)
        {
            var now = silo.Time.GetUtcNow();
            for (var b = 0; b < 40; b++)
            {
                await silo.PublishAsync("h4", [.. Enumerable.Range(b * 25, 25).Select(i => Events.Create("h4", $"dev-{i % 4}", $"k-{i}", now))]);
            }

            // Ten more than whole batches of 40: the last ten can only be pending in memory when the silo dies (the
            // batch age never passes on the manual clock), whatever the delivery's speed. How much is still in flight
            // (delivered, batched or not yet read) depends on it: anything from 40 to all of the backlog.
            await silo.PublishAsync("h4", [.. Enumerable.Range(1000, 10).Select(i => Events.Create("h4", $"dev-{i % 4}", $"k-{i}", now))]);
            await WaitForAsync(silo, "h4", s => s.ArchivedThrough >= 40);
            var before = await silo.Archive("h4").GetStatus();
            await silo.KillAndRestartAsync();
            await silo.PublishAsync("h4", [.. Enumerable.Range(1010, 100).Select(i => Events.Create("h4", $"dev-{i % 4}", $"k-{i}", now))]);
            await WaitForAsync(silo, "h4", s => s.LastSequence == 1110);
            await silo.Archive("h4").Flush();

            Assert.InRange(before.LastSequence, 40, 1010);
            Assert.InRange(before.ArchivedThrough, 40, 1000);
            var samples = (await LakeReadBack.MeasurementsAsync(silo.Lake, "h4")).Select(r => r.Row.SampleId).ToList();
            Assert.Equal(Enumerable.Range(0, 1110).Select(i => $"k-{i}").Order(), samples.Order());
        }
    }

    [Fact]
    public async Task BatchAge_TimerElapses_PendingBatchWritten()
    {
        var silo = await ArchiveSilo.StartAsync(new ArchiveOptions { MaxBatchRows = 1000, MaxBatchAge = TimeSpan.FromSeconds(2), RetryDelay = TimeSpan.Zero });
        await using (silo)
        {
            await silo.PublishAsync("h2", [Events.Create("h2", "dev-1", "a", silo.Time.GetUtcNow()), Events.Create("h2", "dev-1", "b", silo.Time.GetUtcNow())]);
            await WaitForAsync(silo, "h2", s => s.LastSequence == 2);
            Assert.Equal(0, (await silo.Archive("h2").GetStatus()).ArchivedThrough);
            silo.Time.Advance(TimeSpan.FromSeconds(1));
            var lag = LagOf("h2");
            Assert.Equal(2, lag.Events);
            Assert.InRange(lag.Seconds, 1, 60);

            await BoundedWait.UntilAsync(async () =>
            {
                silo.Time.Advance(TimeSpan.FromSeconds(1));
                return (await silo.Archive("h2").GetStatus()).ArchivedThrough == 2;
            }, Wait, "the age timer to write the batch");

            Assert.Equal((0L, 0.0), LagOf("h2"));
            var rows = await LakeReadBack.MeasurementsAsync(silo.Lake, "h2");
            Assert.Equal(["a", "b"], rows.Select(r => r.Row.SampleId).Order());
            Assert.EndsWith("part-00000000000000000001-00000000000000000002.parquet", Assert.Single(rows.Select(r => r.File).Distinct()), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task DiskFull_WritesFailThenRecover_NothingSkippedOrDuplicated()
    {
        FlakyLakeStore? flaky = null;
        var silo = await ArchiveSilo.StartAsync(
            new ArchiveOptions { MaxBatchRows = 10, WriteAttempts = 2, RetryDelay = TimeSpan.Zero },
            lake => flaky = new FlakyLakeStore(lake));
        await using (silo)
        {
            flaky!.FailWrites = 5;
            var now = silo.Time.GetUtcNow();
            await silo.PublishAsync("h3", Enumerable.Range(0, 20).Select(i => Events.Create("h3", "dev-1", $"x-{i}", now)).ToList());
            await WaitForAsync(silo, "h3", s => s.ArchivedThrough == 20);

            Assert.True(flaky.Refused >= 5);
            var rows = await LakeReadBack.MeasurementsAsync(silo.Lake, "h3");
            Assert.Equal(Enumerable.Range(0, 20).Select(i => $"x-{i}").Order(), rows.Select(r => r.Row.SampleId).Order());
            Assert.Equal(2, rows.Select(r => r.File).Distinct().Count());
        }
    }

    [Fact]
    public async Task WriteAsync_SameBatchTwice_OneFile()
    {
        var root = Directory.CreateTempSubdirectory("visco-batch-").FullName;
        try
        {
            var lake = new LocalLakeStore(root);
            var options = new ArchiveOptions { RetryDelay = TimeSpan.Zero };
            var writer = new ArchiveBatchWriter(lake, new LakeWriteRetry(options, TimeProvider.System, Microsoft.Extensions.Logging.Abstractions.NullLogger<LakeWriteRetry>.Instance));
            var now = new DateTimeOffset(2026, 11, 22, 23, 59, 0, TimeSpan.Zero);
            var rows = new MeasurementColumns();
            for (var i = 1; i <= 4; i++)
            {
                rows.Add(ArchiveRows.ToRow(Events.Create("h", "d", $"s{i}", now.AddMinutes(i - 1)), i));
            }

            var firstWrite = await writer.WriteAsync("h", rows, rows.Count, CancellationToken.None);
            await writer.WriteAsync("h", rows, rows.Count, CancellationToken.None);

            Assert.Equal(2, firstWrite.Files);
            var files = await lake.ListAsync("lake/measurements/");
            Assert.Equal(
                ["lake/measurements/hospital=h/date=2026-11-22/part-00000000000000000001-00000000000000000001.parquet",
                 "lake/measurements/hospital=h/date=2026-11-23/part-00000000000000000002-00000000000000000004.parquet"],
                files.Select(f => f.Path));
            Assert.Equal(4, (await LakeReadBack.MeasurementsAsync(lake, "h")).Count);
        }
        finally
        {
            TemporaryDirectory.Delete(root);
        }
    }

    private static (long Events, double Seconds) LagOf(string hospitalId)
    {
        long events = -1;
        double seconds = -1;
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == ArchiveMetrics.MeterName)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            if (instrument.Name == "visco.lake.lag_events" && IsHospital(tags, hospitalId))
            {
                events = value;
            }
        });
        listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) =>
        {
            if (instrument.Name == "visco.lake.lag_seconds" && IsHospital(tags, hospitalId))
            {
                seconds = value;
            }
        });
        listener.Start();
        listener.RecordObservableInstruments();
        return (events, seconds);
    }

    private static bool IsHospital(ReadOnlySpan<KeyValuePair<string, object?>> tags, string hospitalId)
    {
        foreach (var tag in tags)
        {
            if (tag.Key == "hospital" && (string?)tag.Value == hospitalId)
            {
                return true;
            }
        }

        return false;
    }

    private static Task WaitForAsync(ArchiveSilo silo, string hospitalId, Func<ArchiveStatus, bool> condition) =>
        BoundedWait.UntilAsync(async () => condition(await silo.Archive(hospitalId).GetStatus()), Wait, $"archive of {hospitalId}");
}
