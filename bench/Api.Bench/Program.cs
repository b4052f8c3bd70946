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

if (Text("--target") is { } target)
{
    return await TargetReads.RunAsync(new Uri(target), Text("--token-file"), Text("--hospital") ?? "h00", Text("--device-prefix") ?? "h00-d",
        Arg("--device-count", 100), Arg("--rate", 1000), Arg("--seconds", 20), Arg("--warmup", 5), Text("--slow-log"));
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
static Uri ByDevice(int i) => new($"/api/v1/hospitals/{Hospital}/devices/dev-{i % Devices}/results?limit=50", UriKind.Relative);

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

    await ReadLoad.RunAsync(client, rate, warmup, ByDevice, record: false);
    var (acceptedBefore, feedBefore) = (measurements.Accepted, feed.Results);
    var figures = await ReadLoad.RunAsync(client, rate, seconds, ByDevice, record: true);
    var elapsed = figures.Elapsed;
    var (acceptedDuring, feedDuring) = (measurements.Accepted - acceptedBefore, feed.Results - feedBefore);
    await stopLoad.CancelAsync();
    await loadRun;

    // One process holds the silo, the API and this client, so this is an upper bound on the server's cost per request.
    ReadLoad.Print(figures, "client and any measurement load included");
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

static string? Text(string name)
{
    var args = Environment.GetCommandLineArgs();
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
}

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
