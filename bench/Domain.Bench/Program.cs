using Microsoft.Extensions.Logging;
using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Visco.Bench.Shared;
using Visco.Domain.Bench;
using Visco.DomainStore.Postgres;
using Visco.DomainStore.Sqlite;
using Visco.Grains.Archive;
using Visco.Grains.Fleet;
using Visco.Grains.Hosting;
using Visco.Grains.Interfaces.Ingress;
using Visco.Grains.Interfaces.Results;
using Visco.Grains.Models;
using Visco.Runtime.Abstractions;
using Visco.Runtime.Abstractions.Storage;
using Visco.Runtime.Hosting;
using Visco.Runtime.Storage.Postgres;
using Visco.Runtime.Storage.Sqlite;

// The grain path end to end, in process: N devices submit through IDeviceMessageHandler (what the MQTT front door
// calls), each answer is acknowledged-durable (the event is in the stream store). No MQTT here: the issue's targets
// are for the full path; this measures what the grains and the store leave for it.
var options = BenchOptions.Parse(args);
var directory = Directory.CreateTempSubdirectory("visco-domain-bench-").FullName;
var schema = $"bench_{Guid.NewGuid():N}"[..20];
IRuntimeStore store = options.Provider == "sqlite"
    ? new SqliteRuntimeStore(new SqliteStoreOptions { DatabasePath = Path.Combine(directory, "visco.db"), FullSync = options.FullSync }, TimeProvider.System)
    : new PostgresRuntimeStore(new PostgresStoreOptions { ConnectionString = options.PostgresConnectionString!, Schema = schema }, TimeProvider.System);
IResultStore results = options.NullResults ? new CountingResultStore()
    : options.Provider == "sqlite"
    ? new SqliteResultStore(Path.Combine(directory, "results.db"))
    : new PostgresResultStore(options.PostgresConnectionString!, schema + "_r");

SiloHost? silo = null;
var services = new ServiceCollection();
services.AddLogging(logging => logging.AddSimpleConsole().SetMinimumLevel(Microsoft.Extensions.Logging.LogLevel.Warning));
services.AddSingleton(TimeProvider.System);
services.AddSingleton(results);
services.AddSingleton<IGrainFactory>(_ => silo!.GrainFactory);
services.AddViscoGrainServices(new GrainsOptions(), directory);
services.AddViscoArchiveServices(new ArchiveOptions(), directory);
await using var provider = services.BuildServiceProvider();
silo = new SiloHost(store, [ViscoGrains.Assembly], new SiloOptions(), provider, TimeProvider.System);
await silo.StartAsync();

var watch = Stopwatch.StartNew();
var version = await provider.GetRequiredService<ModelBootstrapper>().EnsureActiveModelAsync();
Console.WriteLine($"bootstrap model {version} trained and active in {watch.ElapsedMilliseconds} ms");

var registrar = provider.GetRequiredService<DeviceRegistrar>();
var handler = provider.GetRequiredService<IDeviceMessageHandler>();
var devices = new (string Device, string Hospital)[options.Devices];
for (var h = 0; h < options.Hospitals; h++)
{
    await registrar.CreateHospitalAsync($"h{h}", $"Hospital {h}");
}

for (var d = 0; d < options.Devices; d++)
{
    devices[d] = ($"dev-{d:D5}", $"h{d % options.Hospitals}");
    await registrar.RegisterDeviceAsync(devices[d].Hospital, devices[d].Device);
}

var templates = new PayloadTemplates(4096, 777);
Console.WriteLine($"{options.Provider}: {options.Devices} devices in {options.Hospitals} hospitals, {(options.Rate == 0 ? "flat out" : $"paced at {options.Rate}/s")}, {options.Duration.TotalSeconds:F0} s (+2 s warm-up)");

var sequence = 0;
long acknowledged = 0;
async Task<bool> SubmitAsync(int deviceIndex)
{
    var n = Interlocked.Increment(ref sequence);
    var (device, hospital) = devices[deviceIndex];
    var answer = await handler.HandleAsync(new DeviceMessage(
        device, hospital, DeviceMessageKind.Measurement, null, templates.Payload($"b-{n}", n), DateTimeOffset.UtcNow, 5));
    var accepted = answer.Status == DeviceMessageStatus.Accepted;
    if (accepted)
    {
        Interlocked.Increment(ref acknowledged);
    }

    return accepted;
}

// The archive (every silo hosting the grains runs it) is sampled throughout: how far the lake is behind.
await using var lag = new ArchiveLagMonitor(() => Interlocked.Read(ref acknowledged));

// Warm-up, then the measured run, printing the archive's lag every 2 s.
await RunAsync(TimeSpan.FromSeconds(2), new LatencyRecorder(options.Devices));
var recorder = new LatencyRecorder(options.Devices);
var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
var run = Stopwatch.StartNew();
var runStart = Stopwatch.GetTimestamp();
using (var progress = new CancellationTokenSource())
{
    var printing = Task.Run(async () =>
    {
        using var tick = new PeriodicTimer(TimeSpan.FromSeconds(2));
        while (await tick.WaitForNextTickAsync(progress.Token).AsTask().ContinueWith(t => t.IsCompletedSuccessfully && t.Result))
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {run.Elapsed.TotalSeconds,4:F0} s  archive: {lag.Latest}"));
        }
    });
    await RunAsync(options.Duration, recorder);
    await progress.CancelAsync();
    await printing;
}

var elapsed = run.Elapsed;
var runEnd = Stopwatch.GetTimestamp();
var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
var (count, p50, p99, max) = recorder.Summary();
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"acknowledged-durable: {count / elapsed.TotalSeconds:F0} measurements/s ({count} in {elapsed.TotalSeconds:F1} s, {recorder.Failures} failed); latency p50 {p50:F2} ms, p99 {p99:F2} ms, max {max:F1} ms"));
// CPU per measurement is the figure that survives a shared machine: throughput is what is left of 2 cores.
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"process CPU: {cpu.TotalMilliseconds * 1000 / Math.Max(1, count):F0} µs per acknowledged measurement ({cpu.TotalSeconds / elapsed.TotalSeconds:F2} cores busy)"));

// How far behind the results projection is when the load stops, and how long it takes to catch up.
var total = (long)sequence;
var drain = Stopwatch.StartNew();
long stored;
do
{
    stored = 0;
    for (var h = 0; h < options.Hospitals; h++)
    {
        stored += await results.CountAsync($"h{h}");
    }

    if (stored < total)
    {
        await Task.Delay(200);
    }
}
while (stored < total && drain.Elapsed < TimeSpan.FromMinutes(2));
Console.WriteLine($"results store: {stored}/{total} rows, caught up {drain.ElapsedMilliseconds} ms after the load stopped");
Console.WriteLine($"archive lag during the run: {lag.Summarize(runStart, runEnd)}");
while (lag.Archived < Interlocked.Read(ref acknowledged) && drain.Elapsed < TimeSpan.FromMinutes(1))
{
    await Task.Delay(100);
}

Console.WriteLine($"archive: {lag.Archived}/{Interlocked.Read(ref acknowledged)} acknowledged measurements in {lag.Files} lake files, caught up {drain.ElapsedMilliseconds} ms after the load stopped");
if (lag.Archived < Interlocked.Read(ref acknowledged))
{
    for (var h = 0; h < options.Hospitals; h++)
    {
        var status = await silo.GrainFactory.GetGrain<IArchiveGrain>($"h{h}").GetStatus();
        Console.WriteLine($"  h{h}: archived through {status.ArchivedThrough}, last {status.LastSequence}, pending {status.PendingRows}, rows {status.Rows}, duplicates {status.Duplicates}");
    }
}

await silo.StopAsync();
await ((IAsyncDisposable)results).DisposeAsync();
Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
Directory.Delete(directory, recursive: true);

async Task RunAsync(TimeSpan duration, LatencyRecorder latencies)
{
    using var stop = new CancellationTokenSource(duration);
    if (options.Rate == 0)
    {
        // Flat out: every device submits its next measurement as soon as the previous one is acknowledged.
        await Task.WhenAll(Enumerable.Range(0, options.Devices).Select(d => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var started = Stopwatch.GetTimestamp();
                if (await SubmitAsync(d))
                {
                    latencies.Record(d, Stopwatch.GetTimestamp() - started);
                }
                else
                {
                    latencies.Fail();
                }
            }
        })));
        return;
    }

    // Paced: submissions are due at fixed times; latency counts from when each was due (no coordinated omission).
    var inFlight = new List<Task>();
    var interval = Stopwatch.Frequency / (double)options.Rate;
    var start = Stopwatch.GetTimestamp();
    var issued = 0L;
    while (!stop.IsCancellationRequested)
    {
        var due = (long)((Stopwatch.GetTimestamp() - start) / interval);
        for (; issued < due; issued++)
        {
            var d = (int)(issued % options.Devices);
            var dueAt = start + (long)(issued * interval);
            inFlight.Add(Task.Run(async () =>
            {
                if (await SubmitAsync(d))
                {
                    latencies.Record(d, Stopwatch.GetTimestamp() - dueAt);
                }
                else
                {
                    latencies.Fail();
                }
            }));
        }

        await Task.Delay(1);
    }

    await Task.WhenAll(inFlight);
}
