using Visco.Grains.Archive;
using Visco.Grains.Interfaces.Measurements;
using Visco.Lake.Layout;
using Visco.Lake.Parquet;
using Visco.Lake.Rows;
using Visco.Lake.Storage;
using Visco.Retraining.Tests.Hosting;

namespace Visco.Retraining.Tests;

/// <summary>
/// The archive consumes delivered batches into memory and commits the stream only once their rows are in the lake: a
/// crash or a deactivation with rows pending gets them again from the stream, a failed write is retried with the same
/// cut, and every measurement lands in the lake exactly once.
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
            Assert.Equal(15, status.ArchivedThrough);
            var rows = await LakeReadBack.MeasurementsAsync(silo.Lake, "d1");
            var keys = rows.Select(r => $"{r.Row.DeviceId}/{r.Row.SampleId}").ToList();
            Assert.Equal(keys.Distinct().Count(), keys.Count);
            Assert.Equal(13, keys.Count);
            Assert.Contains("dev-2/s-3", keys);
            Assert.Equal(15, await silo.ArchiveCheckpointAsync("d1"));
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
            // The delivered batch of 25 is pending and its first lake batch (1-10) written; the second (11-20) fails
            // twice, which fails the delivery: the stream delivers the 25 again until the write goes through.
            flaky!.Target = path => path.Contains("/part-00000000000000000011-", StringComparison.Ordinal);
            flaky.FailWrites = 2;
            var now = silo.Time.GetUtcNow();
            await silo.PublishAsync("f1", [.. Enumerable.Range(0, 25).Select(i => Events.Create("f1", $"dev-{i % 2}", $"m-{i}", now))]);
            await WaitForAsync(silo, "f1", s => s.ArchivedThrough == 20);
            await silo.Archive("f1").Flush();

            Assert.Equal(2, flaky.Refused);
            var rows = await AssertLakeHoldsOnceAsync(silo, "f1", "m-", 25);
            Assert.Equal(
                ["part-00000000000000000001-00000000000000000010.parquet", "part-00000000000000000011-00000000000000000020.parquet",
                 "part-00000000000000000021-00000000000000000025.parquet"],
                rows.Select(r => Path.GetFileName(r.File)).Distinct().Order());
        }
    }

    [Fact]
    public async Task DeliveredRows_HeldInMemoryNotCommitted_UntilTheirBatchIsInTheLake()
    {
        var silo = await ArchiveSilo.StartAsync(new ArchiveOptions { MaxBatchRows = 1000, MaxBatchAge = TimeSpan.FromMinutes(5), RetryDelay = TimeSpan.Zero });
        await using (silo)
        {
            var now = silo.Time.GetUtcNow();
            await silo.PublishAsync("p1", [.. Enumerable.Range(0, 40).Select(i => Events.Create("p1", "dev-1", $"q-{i}", now))]);
            await WaitForAsync(silo, "p1", s => s.LastSequence == 40);

            // Nothing is written anywhere for the pending rows, and the stream still holds them.
            Assert.Empty(await silo.Lake.ListAsync("lake/"));
            Assert.Equal(40, (await silo.Archive("p1").GetStatus()).PendingRows);
            Assert.Equal(0, await silo.ArchiveCheckpointAsync("p1"));

            var status = await silo.Archive("p1").Flush();

            Assert.Equal(40, status.ArchivedThrough);
            Assert.Equal(40, await silo.ArchiveCheckpointAsync("p1"));
            Assert.Equal(40, (await LakeReadBack.MeasurementsAsync(silo.Lake, "p1")).Count);
        }
    }

    [Fact]
    public async Task KillWithPendingRowsOfAPartlyArchivedDelivery_Restart_EveryMeasurementOnce()
    {
        var silo = await ArchiveSilo.StartAsync(new ArchiveOptions { MaxBatchRows = 10, MaxBatchAge = TimeSpan.FromMinutes(5), RetryDelay = TimeSpan.Zero });
        await using (silo)
        {
            var now = silo.Time.GetUtcNow();
            await silo.PublishAsync("k1", [.. Enumerable.Range(0, 25).Select(i => Events.Create("k1", "dev-1", $"r-{i}", now))]);
            await WaitForAsync(silo, "k1", s => s.LastSequence == 25);
            var before = await silo.Archive("k1").GetStatus();

            // Rows 21-25 are pending in memory; the rest of their delivery is already in the lake and committed.
            await silo.KillAndRestartAsync();
            await silo.PublishAsync("k1", [Events.Create("k1", "dev-1", "r-25", now), Events.Create("k1", "dev-1", "r-7", now)]);
            await WaitForAsync(silo, "k1", s => s.LastSequence == 27);
            await silo.Archive("k1").Flush();

            Assert.Equal(20, before.ArchivedThrough);
            Assert.Equal(5, before.PendingRows);
            await AssertLakeHoldsOnceAsync(silo, "k1", "r-", 26);
        }
    }

    [Fact]
    public async Task KillAfterAgeBatchFileLandedBeforeItsState_Restart_SameCutSameFileNames()
    {
        FlakyLakeStore? flaky = null;
        var silo = await ArchiveSilo.StartAsync(
            new ArchiveOptions { MaxBatchRows = 100, MaxBatchAge = TimeSpan.FromSeconds(2), WriteAttempts = 1, RetryDelay = TimeSpan.Zero },
            lake => flaky = new FlakyLakeStore(lake) { CompleteThenFail = true });
        await using (silo)
        {
            var now = silo.Time.GetUtcNow();
            await silo.PublishAsync("c1", [.. Enumerable.Range(0, 7).Select(i => Events.Create("c1", "dev-1", $"t-{i}", now))]);
            await WaitForAsync(silo, "c1", s => s.LastSequence == 7);

            // The age flush cuts 1-7; its file lands and then the silo "dies" before the state says so.
            flaky!.FailWrites = 1;
            await BoundedWait.UntilAsync(() =>
            {
                silo.Time.Advance(TimeSpan.FromSeconds(1));
                return Task.FromResult(flaky.Refused == 1);
            }, Wait, "the age flush to write its file");
            await silo.KillAndRestartAsync();

            // Redelivered from the commit (0) together with new events: without the stored cut one batch 1-12 would
            // duplicate 1-7; with it, 1-7 is cut again and overwrites the same file.
            await silo.PublishAsync("c1", [.. Enumerable.Range(7, 5).Select(i => Events.Create("c1", "dev-1", $"t-{i}", now))]);
            await WaitForAsync(silo, "c1", s => s.LastSequence == 12);
            var status = await silo.Archive("c1").Flush();

            Assert.Equal(12, status.ArchivedThrough);
            var rows = await AssertLakeHoldsOnceAsync(silo, "c1", "t-", 12);
            Assert.Equal(
                ["part-00000000000000000001-00000000000000000007.parquet", "part-00000000000000000008-00000000000000000012.parquet"],
                rows.Select(r => Path.GetFileName(r.File)).Distinct().Order());
        }
    }

    [Fact]
    public async Task DeactivationWithPendingRowsAndLakeDown_NextActivationGetsThemAgain_EveryMeasurementOnce()
    {
        FlakyLakeStore? flaky = null;
        var silo = await ArchiveSilo.StartAsync(
            new ArchiveOptions { MaxBatchRows = 100, MaxBatchAge = TimeSpan.FromHours(1), WriteAttempts = 1, RetryDelay = TimeSpan.Zero },
            lake => flaky = new FlakyLakeStore(lake));
        await using (silo)
        {
            var now = silo.Time.GetUtcNow();
            await silo.PublishAsync("g1", [.. Enumerable.Range(0, 10).Select(i => Events.Create("g1", "dev-1", $"u-{i}", now))]);
            await WaitForAsync(silo, "g1", s => s.LastSequence == 10);

            // Idle collection deactivates the archive; its last flush fails, so nothing is committed.
            flaky!.Target = path => path.StartsWith("lake/measurements/", StringComparison.Ordinal);
            flaky.FailWrites = int.MaxValue;
            silo.Time.Advance(TimeSpan.FromMinutes(16));
            await BoundedWait.UntilAsync(() =>
            {
                silo.Silo.CollectIdleActivations(); // once the timer's ticks of the advanced clock are done, it is idle
                return Task.FromResult(flaky.Refused >= 1);
            }, Wait, "the deactivation's flush");
            flaky.FailWrites = 0;

            await WaitForAsync(silo, "g1", s => s.PendingRows == 10);
            var status = await silo.Archive("g1").Flush();

            Assert.Equal(10, status.ArchivedThrough);
            Assert.Equal(1, flaky.Refused);
            await AssertLakeHoldsOnceAsync(silo, "g1", "u-", 10);
        }
    }

    [Fact]
    public async Task GracefulRestartWithLakeDown_PendingRowsComeAgain_EveryMeasurementOnce()
    {
        FlakyLakeStore? flaky = null;
        var silo = await ArchiveSilo.StartAsync(
            new ArchiveOptions { MaxBatchRows = 100, MaxBatchAge = TimeSpan.FromHours(1), WriteAttempts = 1, RetryDelay = TimeSpan.Zero },
            lake => flaky = new FlakyLakeStore(lake));
        await using (silo)
        {
            var now = silo.Time.GetUtcNow();
            await silo.PublishAsync("g2", [.. Enumerable.Range(0, 10).Select(i => Events.Create("g2", "dev-1", $"v-{i}", now))]);
            await WaitForAsync(silo, "g2", s => s.LastSequence == 10);
            flaky!.FailWrites = int.MaxValue;

            await silo.RestartAsync(); // the shutdown's flush fails: nothing committed
            await WaitForAsync(silo, "g2", s => s.PendingRows == 10);
            var status = await silo.Archive("g2").Flush();

            Assert.Equal(10, status.ArchivedThrough);
            await AssertLakeHoldsOnceAsync(silo, "g2", "v-", 10);
        }
    }

    [Fact]
    public async Task SpoolLeftByEarlierVersion_ArchivedOnActivationThenDeleted_EveryMeasurementOnce()
    {
        var silo = await ArchiveSilo.StartAsync(new ArchiveOptions { MaxBatchRows = 100, MaxBatchAge = TimeSpan.FromMinutes(5), RetryDelay = TimeSpan.Zero });
        await using (silo)
        {
            var now = silo.Time.GetUtcNow();
            var spooled = Enumerable.Range(0, 8).Select(i => Events.Create("u1", "dev-1", $"w-{i}", now)).ToList();
            await silo.PublishAsync("u1", spooled);
            await WaitForAsync(silo, "u1", s => s.LastSequence == 8);

            // What the earlier version leaves: the rows in two spool files and the stream's checkpoint past them.
            await silo.KillAndRestartAsync(async () =>
            {
                var lake = new LocalLakeStore(silo.DataDirectory);
                await SpoolAsync(lake, "u1", [.. spooled.Take(5).Select((e, i) => ArchiveRows.ToRow(e, i + 1))]);
                await SpoolAsync(lake, "u1", [.. spooled.Skip(5).Select((e, i) => ArchiveRows.ToRow(e, i + 6))]);
                await silo.SetArchiveCheckpointAsync("u1", 8);
            });
            var recovered = await silo.Archive("u1").GetStatus();
            await silo.PublishAsync("u1", [Events.Create("u1", "dev-1", "w-8", now), Events.Create("u1", "dev-1", "w-3", now)]);
            await WaitForAsync(silo, "u1", s => s.LastSequence == 10);
            await silo.Archive("u1").Flush();

            Assert.Equal(8, recovered.ArchivedThrough);
            Assert.Empty(await silo.Lake.ListAsync(LegacySpoolReader.Prefix("u1")));
            await AssertLakeHoldsOnceAsync(silo, "u1", "w-", 9);
        }
    }

    /// <summary>Writes rows as the earlier version's spool did: one file named by its first and last sequence.</summary>
    private static Task SpoolAsync(ILakeStore lake, string hospitalId, IReadOnlyList<MeasurementRow> rows)
    {
        var path = $"{LegacySpoolReader.Prefix(hospitalId)}{rows[0].Sequence:D20}-{rows[^1].Sequence:D20}{LakePaths.Extension}";
        return lake.WriteAsync(path, (stream, _) =>
        {
            MeasurementParquet.Write(stream, rows, new ParquetWriterOptions(), fileName: path);
            return Task.CompletedTask;
        });
    }

    private static Task WaitForAsync(ArchiveSilo silo, string hospitalId, Func<ArchiveStatus, bool> condition) =>
        BoundedWait.UntilAsync(async () => condition(await silo.Archive(hospitalId).GetStatus()), Wait, $"archive of {hospitalId}");

    /// <summary>
    /// Asserts the hospital's lake holds exactly the samples <c>{prefix}0</c> to <c>{prefix}{count - 1}</c>, each once;
    /// returns its rows with their files.
    /// </summary>
    private static async Task<List<(string File, MeasurementRow Row)>> AssertLakeHoldsOnceAsync(ArchiveSilo silo, string hospitalId, string prefix, int count)
    {
        var rows = await LakeReadBack.MeasurementsAsync(silo.Lake, hospitalId);
        Assert.Equal(Enumerable.Range(0, count).Select(i => $"{prefix}{i}").Order(), rows.Select(r => r.Row.SampleId).Order());
        return rows;
    }
}
