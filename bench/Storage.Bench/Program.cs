using System.Diagnostics;
using System.Globalization;

using Npgsql;

using Visco.Runtime.Abstractions;
using Visco.Runtime.Abstractions.Storage;
using Visco.Runtime.Abstractions.Streams;
using Visco.Runtime.Storage.Batching;
using Visco.Runtime.Storage.Postgres;
using Visco.Runtime.Storage.Sqlite;
using Visco.Storage.Bench;

var settings = BenchSettings.Parse(args);
await using var store = await OpenAsync(settings);
Func<GroupCommitStatistics> statistics = store switch
{
    SqliteRuntimeStore s => () => s.Statistics,
    PostgresRuntimeStore p => () => p.Statistics,
    _ => throw new InvalidOperationException("unknown store"),
};

var loops = settings.Provider == "postgres" ? $", {settings.Loops} state writer loops" : string.Empty;
var sync = settings.Provider == "sqlite" ? (settings.NormalSync ? ", synchronous=NORMAL" : ", synchronous=FULL") + (settings.InlineCheckpoints ? ", inline checkpoints" : ", background checkpoints") + (settings.PoolWriter ? ", writer on the pool" : ", writer thread") : string.Empty;
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"{settings.Provider}: {settings.Writers} writers, {settings.Size}-byte state, {settings.Seconds} s, max batch {settings.Batch}{sync}{loops}"));

var payload = new byte[settings.Size];
Random.Shared.NextBytes(payload);
if (settings.Rate > 0)
{
    // Open loop only: writes at a fixed rate, latency from the scheduled time.
    await OpenLoopWrites.RunAsync(store, statistics, settings.Writers, settings.Rate, settings.Seconds, payload, "fixed rate");
    return;
}

// Phase 1: durable state writes, each writer on its own grain, write after write with the ETag it got back.
var stop = 0;
var measuring = 0;
var latencies = Enumerable.Range(0, settings.Writers).Select(_ => new Latencies()).ToArray();
var writers = Enumerable.Range(0, settings.Writers).Select(i => Task.Run(async () =>
{
    var grain = new GrainId("bench", i.ToString(CultureInfo.InvariantCulture));
    string? etag = null;
    while (Volatile.Read(ref stop) == 0)
    {
        var started = Stopwatch.GetTimestamp();
        etag = await store.GrainStorage.WriteAsync(grain, "state", payload, etag, CancellationToken.None);
        if (Volatile.Read(ref measuring) == 1)
        {
            latencies[i].Record(started);
        }
    }
})).ToArray();

await Task.Delay(TimeSpan.FromSeconds(2));
var before = statistics();
var cpuBefore = Environment.CpuUsage.TotalTime;
var clock = Stopwatch.StartNew();
Volatile.Write(ref measuring, 1);
await Task.Delay(TimeSpan.FromSeconds(settings.Seconds));
Volatile.Write(ref measuring, 0);
var elapsed = clock.Elapsed.TotalSeconds;
var after = statistics();
var cpu = Environment.CpuUsage.TotalTime - cpuBefore;
Volatile.Write(ref stop, 1);
await Task.WhenAll(writers);

var writes = latencies.Sum(l => l.Count);
var batches = after.Batches - before.Batches;
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"state writes/s: {writes / elapsed:F0}  p50: {Latencies.Percentile(latencies, 0.50):F2} ms  p99: {Latencies.Percentile(latencies, 0.99):F2} ms  " +
    $"avg batch: {(after.Operations - before.Operations) / (double)Math.Max(1, batches):F1} ({batches / elapsed:F0} commits/s)  " +
    $"bench process CPU: {cpu.TotalMicroseconds / Math.Max(1, writes):F1} us/write"));
if (settings.Sweep)
{
    foreach (var fraction in new[] { 0.5, 0.8 })
    {
        var rate = (int)(writes / elapsed * fraction);
        await OpenLoopWrites.RunAsync(store, statistics, settings.Writers, rate, settings.Seconds, payload, string.Create(CultureInfo.InvariantCulture, $"{fraction:P0} of capacity"));
    }

    return;
}

// Phase 2: stream appends, one event per append, 64 streams appended to concurrently (one appender loop by design).
const int Streams = 64;
var appendSeconds = Math.Max(1, settings.Seconds / 2);
var appended = 0L;
var appendStop = 0;
var appenders = Enumerable.Range(0, Streams).Select(i => Task.Run(async () =>
{
    var stream = new StreamId("bench", i.ToString(CultureInfo.InvariantCulture));
    ReadOnlyMemory<byte>[] events = [payload];
    while (Volatile.Read(ref appendStop) == 0)
    {
        await store.Streams.AppendAsync(stream, events, CancellationToken.None);
        Interlocked.Increment(ref appended);
    }
})).ToArray();
var appendClock = Stopwatch.StartNew();
await Task.Delay(TimeSpan.FromSeconds(appendSeconds));
var appendCount = Interlocked.Read(ref appended);
var appendElapsed = appendClock.Elapsed.TotalSeconds;
Volatile.Write(ref appendStop, 1);
await Task.WhenAll(appenders);
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"stream appends/s: {appendCount / appendElapsed:F0} ({Streams} concurrent appenders, 1 event each)"));

static async Task<IRuntimeStore> OpenAsync(BenchSettings settings)
{
    IRuntimeStore store;
    if (settings.Provider == "sqlite")
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(settings.Path))!);
        foreach (var suffix in new[] { string.Empty, "-wal", "-shm" })
        {
            File.Delete(settings.Path + suffix);
        }

        store = new SqliteRuntimeStore(new SqliteStoreOptions
        {
            DatabasePath = settings.Path,
            MaxBatchSize = settings.Batch,
            FullSync = !settings.NormalSync,
            CheckpointInBackground = !settings.InlineCheckpoints,
            DedicatedWriterThread = !settings.PoolWriter,
        });
    }
    else
    {
        await using (var connection = new NpgsqlConnection(settings.Connection))
        {
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand("DROP SCHEMA IF EXISTS visco_bench CASCADE", connection);
            await drop.ExecuteNonQueryAsync();
        }

        store = new PostgresRuntimeStore(new PostgresStoreOptions
        {
            ConnectionString = settings.Connection,
            Schema = "visco_bench",
            MaxBatchSize = settings.Batch,
            StateWriters = settings.Loops,
        });
    }

    await store.InitializeAsync(CancellationToken.None);
    return store;
}
