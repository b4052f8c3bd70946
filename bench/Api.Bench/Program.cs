using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using Microsoft.Extensions.DependencyInjection;
using Visco.Api.Bench;
using Visco.Bench.Shared;
using Visco.Grains.Interfaces.Fleet;
using Visco.Grains.Interfaces.Hospitals;
using Visco.Grains.Interfaces.Ingress;
using Visco.Grains.Interfaces.Measurements;
using Visco.Grains.Interfaces.Results;
using Visco.Grains.Models;
using Visco.Runtime.Abstractions;

// Reads results by device at a fixed rate (open loop: requests start on schedule whether or not earlier ones have
// finished, and latency is measured from the scheduled start, so a stall is not hidden by coordinated omission).
if (Environment.GetCommandLineArgs().Contains("--store"))
{
    await StoreBench.RunAsync();
    return 0;
}

var rate = Arg("--rate", 1000);
var seconds = Arg("--seconds", 20);
var warmup = Arg("--warmup", 5);
var load = Arg("--load", 0);
var sse = Environment.GetCommandLineArgs().Contains("--sse");
const string Hospital = "h-bench";
const int Devices = 20;
const int ResultsPerDevice = 2500;

var data = Directory.CreateTempSubdirectory("visco-api-bench-").FullName;
var (app, address) = await BenchHost.StartAsync(data);
try
{
    var grains = app.Services.GetRequiredService<IGrainFactory>();
    var store = app.Services.GetRequiredService<IResultStore>();
    await grains.GetGrain<IHospitalGrain>(Hospital).Create("Bench hospital");
    var start = DateTimeOffset.UtcNow.AddDays(-30);
    for (var d = 0; d < Devices; d++)
    {
        await grains.GetGrain<IDeviceGrain>($"dev-{d}").Register(new DeviceRegistration(Hospital, "bench-secret-0123456789", "bench"));
        var batch = Enumerable.Range(0, ResultsPerDevice).Select(i => Measurement($"dev-{d}", $"s-{d}-{i}", start.AddSeconds(i * 60 + d))).ToArray();
        await store.SaveAsync(batch);
    }

    using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 256, PooledConnectionLifetime = TimeSpan.FromMinutes(10) })
    {
        BaseAddress = address,
    };
    client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", BenchHost.Token(app, Hospital));
    Console.WriteLine($"store: {Devices * ResultsPerDevice:N0} results, {Devices} devices; {rate}/s for {seconds} s after {warmup} s warm-up"
        + (load > 0 ? $"; measurement load {load}/s" : "") + (sse ? "; one live-feed client" : ""));

    using var stopLoad = new CancellationTokenSource();
    using var stopFeed = new CancellationTokenSource();
    var feed = new LiveFeedReader(client, Hospital);
    var feedRun = sse ? feed.RunAsync(stopFeed.Token) : Task.CompletedTask;
    if (sse)
    {
        await feed.Ready.Task.WaitAsync(TimeSpan.FromSeconds(30));
    }

    // The silo trains its bootstrap model in the background at start; the load begins once a model serves.
    await app.Services.GetRequiredService<ModelBootstrapper>().EnsureActiveModelAsync();
    var measurements = new MeasurementLoad(
        app.Services.GetRequiredService<IDeviceMessageHandler>(), Hospital, [.. Enumerable.Range(0, Devices).Select(d => $"dev-{d}")], load);
    var loadRun = measurements.RunAsync(stopLoad.Token);

    await RunAsync(client, rate, warmup, record: false);
    var (acceptedBefore, feedBefore) = (measurements.Accepted, feed.Results);
    var cpuBefore = Environment.CpuUsage.TotalTime;
    var (latencies, lateness, errors, elapsed) = await RunAsync(client, rate, seconds, record: true);
    var cpu = Environment.CpuUsage.TotalTime - cpuBefore;
    var (acceptedDuring, feedDuring) = (measurements.Accepted - acceptedBefore, feed.Results - feedBefore);
    await stopLoad.CancelAsync();
    await loadRun;
    latencies.Sort();
    Console.WriteLine($"requests {latencies.Count + errors:N0} in {elapsed.TotalSeconds:F1} s = {(latencies.Count + errors) / elapsed.TotalSeconds:F0}/s, errors {errors}");
    foreach (var p in new[] { 50.0, 90.0, 99.0, 99.9 })
    {
        Console.WriteLine($"p{p.ToString(CultureInfo.InvariantCulture),-5} {Percentile(latencies, p):F2} ms");
    }

    Console.WriteLine($"max   {latencies[^1]:F2} ms");
    lateness.Sort();
    Console.WriteLine($"client lateness (due -> request started, included above) p50 {Percentile(lateness, 50):F2} ms, p99 {Percentile(lateness, 99):F2} ms");
    // One process holds the silo, the API and this client, so this is an upper bound on the server's cost per request.
    Console.WriteLine($"process CPU {cpu.TotalSeconds / elapsed.TotalSeconds:F2} cores, {cpu.TotalMicroseconds / Math.Max(1, latencies.Count + errors):F0} µs per request (client and any measurement load included)");
    if (load > 0)
    {
        Console.WriteLine($"measurement load: {acceptedDuring / elapsed.TotalSeconds:F0}/s accepted during the reads; refused: {(measurements.Refusals.Count == 0 ? "none" : string.Join(", ", measurements.Refusals.Select(r => $"{r.Value} {r.Key}")))}");
    }

    if (sse)
    {
        // The feed ran from before the load; after the load stops it gets a moment to drain what is still in flight.
        var drain = Stopwatch.StartNew();
        while (feed.Results < measurements.Accepted && drain.Elapsed < TimeSpan.FromSeconds(10))
        {
            await Task.Delay(50);
        }

        Console.WriteLine($"live feed: {feedDuring / elapsed.TotalSeconds:F0} results/s received during the reads; "
            + $"{feed.Results}/{measurements.Accepted} accepted measurements seen, the last {drain.ElapsedMilliseconds} ms after the load stopped");
    }

    await stopFeed.CancelAsync();
    await feedRun;
}
finally
{
    await app.StopAsync();
    await app.DisposeAsync();
    Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    Directory.Delete(data, recursive: true);
}

return 0;

static async Task<(List<double> Latencies, List<double> Lateness, int Errors, TimeSpan Elapsed)> RunAsync(HttpClient client, int rate, int seconds, bool record)
{
    var total = rate * seconds;
    var latencies = new List<double>(total);
    var lateness = new List<double>(total);
    var errors = 0;
    var gate = new Lock();
    var inFlight = new List<Task>(total);
    var start = Stopwatch.GetTimestamp();

    // One pacing thread starts every request at its due time (PreciseSleep: tens of microseconds late, no spinning) and
    // each is timed from that due time, so lateness anywhere shows in the figures rather than hiding. The request's
    // first synchronous part runs on the pacer; the rest on the pool.
    var pacer = new Thread(() =>
    {
        PreciseSleep.TightenTimerSlack();
        for (var i = 0; i < total; i++)
        {
            var due = TimeSpan.FromSeconds((double)i / rate);
            PreciseSleep.Until(start + (long)(due.TotalSeconds * Stopwatch.Frequency));
            inFlight.Add(SendAsync(i % 20, due));
        }
    })
    { IsBackground = true, Name = "pacer", Priority = ThreadPriority.AboveNormal };
    pacer.Start();
    await Task.Run(pacer.Join);
    await Task.WhenAll(inFlight);
    return (latencies, lateness, errors, Stopwatch.GetElapsedTime(start));

    async Task SendAsync(int device, TimeSpan due)
    {
        // How late the request left the client (the pacer and this process's own queueing), included in its latency.
        var late = (Stopwatch.GetElapsedTime(start) - due).TotalMilliseconds;
        using var response = await client.GetAsync(
            new Uri($"/api/v1/hospitals/h-bench/devices/dev-{device}/results?limit=50", UriKind.Relative), HttpCompletionOption.ResponseHeadersRead);
        await DrainAsync(response);
        var latency = (Stopwatch.GetElapsedTime(start) - due).TotalMilliseconds;
        lock (gate)
        {
            if (!response.IsSuccessStatusCode)
            {
                errors++;
            }
            else if (record)
            {
                latencies.Add(latency);
                lateness.Add(late);
            }
        }
    }
}

// The whole body is read (the request is timed to its last byte) into a pooled buffer: buffering each ~30 KB page in a
// fresh growing array was a quarter of the bytes this process allocated, and the collections it caused paused the
// silo sharing the process too.
static async Task DrainAsync(HttpResponseMessage response)
{
    await using var body = await response.Content.ReadAsStreamAsync();
    var buffer = ArrayPool<byte>.Shared.Rent(16 * 1024);
    try
    {
        while (await body.ReadAsync(buffer) > 0)
        {
        }
    }
    finally
    {
        ArrayPool<byte>.Shared.Return(buffer);
    }
}

static double Percentile(List<double> sorted, double p) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p / 100 * sorted.Count) - 1)];

static int Arg(string name, int fallback)
{
    var args = Environment.GetCommandLineArgs();
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
}

static MeasurementRecorded Measurement(string deviceId, string sampleId, DateTimeOffset at) => new(
    deviceId, "h-bench",
    new SweepData(sampleId, at.AddSeconds(-5), 37.0, [5, 10, 50, 100, 300], [30, 55, 200, 380, 1000], 0.42, "1.0.0"),
    new MeasurementResult(sampleId, new InferenceResult("1", 5.5, 4.1, ResultClasses.Normal, 0.93, []), "sha256:00", at.AddMilliseconds(3)),
    at);
