using Visco.Grains.Archive;
using Visco.Grains.Interfaces.Measurements;
using Visco.Retraining.Tests.Hosting;

namespace Visco.Retraining.Tests;

/// <summary>
/// The archive consumes delivered batches: one spool file per batch, lake batches cut from the spooled rows, a
/// failed write redelivers the whole batch, and every measurement lands in the lake exactly once.
/// </summary>
public sealed class ArchiveBatchTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Batch_WithDuplicateOfArchivedSampleAndRepeatWithin_ArchivesEachSampleOnce()
    {
        var silo = await ArchiveSilo.StartAsync(new ArchiveOptions { MaxBatchRows = 5, MaxBatchAge = TimeSpan.FromMinutes(5), RetryDelay = TimeSpan.Zero });
        await using (silo)
        {
            var now = silo.Time.GetUtcNow();
            await silo.PublishAsync("d1", [.. Enumerable.Range(0, 10).Select(i => Events.Create("d1", "dev-1", $"s-{i}", now))]);
            await WaitForAsync(silo, "d1", s => s.ArchivedThrough == 10);

            // s-3 is already in the lake; s-20 comes twice in the same batch (a resend published under two sequences).
            await silo.PublishAsync("d1",
            [
                Events.Create("d1", "dev-1", "s-20", now), Events.Create("d1", "dev-1", "s-3", now),
                Events.Create("d1", "dev-1", "s-21", now), Events.Create("d1", "dev-1", "s-20", now),
                Events.Create("d1", "dev-2", "s-3", now),
            ]);
            await WaitForAsync(silo, "d1", s => s.LastSequence == 15);
            var status = await silo.Archive("d1").Flush();

            Assert.Equal(2, status.Duplicates);
            var rows = await LakeReadBack.MeasurementsAsync(silo.Lake, "d1");
            var keys = rows.Select(r => $"{r.Row.DeviceId}/{r.Row.SampleId}").ToList();
            Assert.Equal(keys.Distinct().Count(), keys.Count);
            Assert.Equal(13, keys.Count);
            Assert.Contains("dev-2/s-3", keys);
            Assert.Empty(await silo.Lake.ListAsync(ArchiveSpool.Prefix("d1")));
        }
    }

    [Fact]
    public async Task LakeWriteFailsInTheMiddleOfABatch_Redelivered_EveryMeasurementOnce()
    {
        FlakyLakeStore? flaky = null;
        var silo = await ArchiveSilo.StartAsync(
            new ArchiveOptions { MaxBatchRows = 10, MaxBatchAge = TimeSpan.FromMinutes(5), WriteAttempts = 1, RetryDelay = TimeSpan.Zero },
            lake => flaky = new FlakyLakeStore(lake));
        await using (silo)
        {
            // The delivered batch of 25 is spooled and its first lake batch (1-10) written; the second (11-20) fails
            // twice, which fails the delivery: the stream delivers the 25 again until the write goes through.
            flaky!.Target = path => path.Contains("/part-00000000000000000011-", StringComparison.Ordinal);
            flaky.FailWrites = 2;
            var now = silo.Time.GetUtcNow();
            await silo.PublishAsync("f1", [.. Enumerable.Range(0, 25).Select(i => Events.Create("f1", $"dev-{i % 2}", $"m-{i}", now))]);
            await WaitForAsync(silo, "f1", s => s.ArchivedThrough == 20);
            await silo.Archive("f1").Flush();

            Assert.Equal(2, flaky.Refused);
            var rows = await LakeReadBack.MeasurementsAsync(silo.Lake, "f1");
            Assert.Equal(Enumerable.Range(0, 25).Select(i => $"m-{i}").Order(), rows.Select(r => r.Row.SampleId).Order());
            Assert.Equal(
                ["part-00000000000000000001-00000000000000000010.parquet", "part-00000000000000000011-00000000000000000020.parquet",
                 "part-00000000000000000021-00000000000000000025.parquet"],
                rows.Select(r => Path.GetFileName(r.File)).Distinct().Order());
            Assert.Empty(await silo.Lake.ListAsync(ArchiveSpool.Prefix("f1")));
        }
    }

    [Fact]
    public async Task SpoolWriteFails_BatchRedelivered_NothingSkippedOrDuplicated()
    {
        FlakyLakeStore? flaky = null;
        var silo = await ArchiveSilo.StartAsync(
            new ArchiveOptions { MaxBatchRows = 100, MaxBatchAge = TimeSpan.FromMinutes(5), WriteAttempts = 1, RetryDelay = TimeSpan.Zero },
            lake => flaky = new FlakyLakeStore(lake));
        await using (silo)
        {
            flaky!.Target = path => path.Contains("/_spool/", StringComparison.Ordinal);
            flaky.FailWrites = 3;
            var now = silo.Time.GetUtcNow();
            await silo.PublishAsync("f2", [.. Enumerable.Range(0, 12).Select(i => Events.Create("f2", "dev-1", $"n-{i}", now))]);
            await WaitForAsync(silo, "f2", s => s.LastSequence == 12);
            var status = await silo.Archive("f2").Flush();

            Assert.Equal(3, flaky.Refused);
            Assert.Equal(0, status.Duplicates);
            var rows = await LakeReadBack.MeasurementsAsync(silo.Lake, "f2");
            Assert.Equal(Enumerable.Range(0, 12).Select(i => $"n-{i}").Order(), rows.Select(r => r.Row.SampleId).Order());
        }
    }

    [Fact]
    public async Task DeliveredBatch_SpooledAsOneFilePerBatch_NamedByItsSequences()
    {
        var silo = await ArchiveSilo.StartAsync(new ArchiveOptions { MaxBatchRows = 1000, MaxBatchAge = TimeSpan.FromMinutes(5), RetryDelay = TimeSpan.Zero });
        await using (silo)
        {
            var now = silo.Time.GetUtcNow();
            await silo.PublishAsync("p1", [.. Enumerable.Range(0, 40).Select(i => Events.Create("p1", "dev-1", $"q-{i}", now))]);
            await WaitForAsync(silo, "p1", s => s.LastSequence == 40);

            var spooled = (await silo.Lake.ListAsync(ArchiveSpool.Prefix("p1"))).Select(f => f.Path).ToList();
            Assert.InRange(spooled.Count, 1, 39);
            var ranges = spooled.Select(p => Path.GetFileNameWithoutExtension(p).Split('-').Select(long.Parse).ToArray()).OrderBy(r => r[0]).ToList();
            Assert.Equal(1, ranges[0][0]);
            Assert.Equal(40, ranges[^1][1]);
            for (var i = 1; i < ranges.Count; i++)
            {
                Assert.Equal(ranges[i - 1][1] + 1, ranges[i][0]);
            }
        }
    }

    [Fact]
    public async Task KillWithSpoolFileSpanningTwoLakeBatches_Restart_EveryMeasurementOnce()
    {
        var silo = await ArchiveSilo.StartAsync(new ArchiveOptions { MaxBatchRows = 10, MaxBatchAge = TimeSpan.FromMinutes(5), RetryDelay = TimeSpan.Zero });
        await using (silo)
        {
            var now = silo.Time.GetUtcNow();
            await silo.PublishAsync("k1", [.. Enumerable.Range(0, 25).Select(i => Events.Create("k1", "dev-1", $"r-{i}", now))]);
            await WaitForAsync(silo, "k1", s => s.LastSequence == 25);
            var before = await silo.Archive("k1").GetStatus();

            // Rows 21-25 live only in a spool file whose other rows are already in the lake.
            await silo.KillAndRestartAsync();
            await silo.PublishAsync("k1", [Events.Create("k1", "dev-1", "r-25", now), Events.Create("k1", "dev-1", "r-7", now)]);
            await WaitForAsync(silo, "k1", s => s.LastSequence == 27);
            await silo.Archive("k1").Flush();

            Assert.Equal(20, before.ArchivedThrough);
            Assert.Equal(5, before.PendingRows);
            var rows = await LakeReadBack.MeasurementsAsync(silo.Lake, "k1");
            Assert.Equal(Enumerable.Range(0, 26).Select(i => $"r-{i}").Order(), rows.Select(r => r.Row.SampleId).Order());
            Assert.Empty(await silo.Lake.ListAsync(ArchiveSpool.Prefix("k1")));
        }
    }

    private static Task WaitForAsync(ArchiveSilo silo, string hospitalId, Func<ArchiveStatus, bool> condition) =>
        BoundedWait.UntilAsync(async () => condition(await silo.Archive(hospitalId).GetStatus()), Wait, $"archive of {hospitalId}");
}
