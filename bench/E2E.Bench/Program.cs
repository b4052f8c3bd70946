using System.Diagnostics;
using Visco.E2E.Bench;
using Visco.Bench.Shared;

// The measurement path through real MQTT: a real silo process on a fresh store, N analysers with registered
// credentials publishing raw sweeps at QoS 1, PUBACK and result timed from the send. Figures are printed, never asserted.
var options = BenchOptions.Parse(args);
var payloads = new PayloadTemplates(256, seed: 4242);
Console.WriteLine($"E2E.Bench: {options.Describe()}, payload ~{payloads.AverageSize:F0} B, {Environment.ProcessorCount} cores");
Console.WriteLine(RunResult.Header);
var results = new List<RunResult>();
for (var run = 1; run <= options.Runs; run++)
{
    results.Add(await RunOnceAsync(options, payloads));
    Console.WriteLine(results[^1]);
}

if (results.Count > 1)
{
    double Median(Func<RunResult, double> pick)
    {
        var sorted = results.Select(pick).Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }

    var median = new RunResult
    {
        AckedPerSecond = Median(r => r.AckedPerSecond),
        ResultsPerSecond = Median(r => r.ResultsPerSecond),
        Ack = [.. Enumerable.Range(0, 4).Select(i => Median(r => r.Ack[i]))],
        Result = [.. Enumerable.Range(0, 4).Select(i => Median(r => r.Result[i]))],
        Errors = (long)Median(r => r.Errors),
        SiloCpuUs = Median(r => r.SiloCpuUs),
        SiloCores = Median(r => r.SiloCores),
        ServerCpuUs = Median(r => r.ServerCpuUs),
        ServerCores = Median(r => r.ServerCores),
        GeneratorCpuUs = Median(r => r.GeneratorCpuUs),
        GeneratorCores = Median(r => r.GeneratorCores),
        LoadBefore = Median(r => r.LoadBefore),
        LoadAfter = Median(r => r.LoadAfter),
    };
    Console.WriteLine($"median of {results.Count}:");
    Console.WriteLine(median);
    if (!double.IsNaN(median.SiloCpuUs))
    {
        var perMeasurement = median.SiloCpuUs + (double.IsNaN(median.ServerCpuUs) ? 0 : median.ServerCpuUs);
        var who = double.IsNaN(median.ServerCpuUs) ? "silo" : "silo + PostgreSQL server";
        Console.WriteLine($"2 cores / {who} CPU per measurement = {2e6 / perMeasurement:F0}/s (on 2 quiet cores, generator elsewhere)");
    }
}

return 0;

static async Task<RunResult> RunOnceAsync(BenchOptions options, PayloadTemplates payloads)
{
    if (options.Target is { } target)
    {
        var (host, port) = (target[..target.LastIndexOf(':')], int.Parse(target[(target.LastIndexOf(':') + 1)..], System.Globalization.CultureInfo.InvariantCulture));
        var devices = DeviceCredential.ReadFolder(options.Credentials!).Take(options.Devices).ToList();
        await using var fleet = await DeviceFleet.ConnectAsync(host, port, devices, options.Persistent, payloads);
        return await fleet.RunAsync(options, options.SiloPid);
    }

    await using var store = await FreshStore.CreateAsync(options);
    var clock = Stopwatch.StartNew();
    await using var silo = await SiloProcess.StartAsync(options, store);
    var ready = clock.Elapsed;
    var credentials = DeviceCredential.ReadFolder(silo.Credentials);
    await using (var fleet = await DeviceFleet.ConnectAsync("127.0.0.1", silo.MqttPort, credentials, options.Persistent, payloads))
    {
        Console.Error.WriteLine($"  silo pid {silo.Pid} ready in {ready.TotalSeconds:F1} s (registration included), {fleet.Count} devices connected in {(clock.Elapsed - ready).TotalSeconds:F1} s");
        return await fleet.RunAsync(options, silo.Pid);
    }
}
