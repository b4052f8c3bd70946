using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;
using Visco.Firmware.Fleet;
using Visco.Firmware.Tests.Support;

// Fleet bench: N simulated analysers in this process against a local mosquitto, with an in-process stand-in cloud
// answering every measurement. Prints memory per device and messages per second. Usage: [devices] [rate/s] [seconds]
var devices = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 10_000;
var rate = args.Length > 1 ? double.Parse(args[1], CultureInfo.InvariantCulture) : 2_000;
var seconds = args.Length > 2 ? double.Parse(args[2], CultureInfo.InvariantCulture) : 30;

await using var broker = await MosquittoBroker.StartAsync();
await using var cloud = await CloudResponder.StartAsync(broker.Port);
var simulator = new FleetSimulator(new FleetOptions
{
    Devices = devices,
    Hospitals = 20,
    Rate = rate,
    Duration = TimeSpan.FromSeconds(seconds),
    Drain = TimeSpan.FromSeconds(15),
    Port = broker.Port,
    ConnectConcurrency = 64,
    KeepAliveSeconds = 300,
}, NullLoggerFactory.Instance);

var heapBefore = GC.GetTotalMemory(forceFullCollection: true);
var process = Process.GetCurrentProcess();
var workingSetBefore = process.WorkingSet64;
var connecting = Stopwatch.StartNew();
await simulator.StartAsync(CancellationToken.None);
while (simulator.Snapshot(connecting.Elapsed).Connected < devices && connecting.Elapsed < TimeSpan.FromMinutes(3))
{
    await Task.Delay(500);
}

var connected = simulator.Snapshot(connecting.Elapsed).Connected;
var heapAfter = GC.GetTotalMemory(forceFullCollection: true);
process.Refresh();
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"connected {connected}/{devices} in {connecting.Elapsed.TotalSeconds:F1} s; managed heap {(heapAfter - heapBefore) / (double)devices / 1024:F1} KiB/device, " +
    $"working set {(process.WorkingSet64 - workingSetBefore) / (double)devices / 1024:F1} KiB/device"));

var summary = await simulator.RunAsync(s => Console.WriteLine(s), CancellationToken.None);
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"summary: {summary.Acknowledged} acknowledged, {summary.Results} results in {summary.Elapsed.TotalSeconds:F1} s = {summary.AcknowledgedPerSecond:F0} msg/s; " +
    $"p50 {FleetSnapshot.Format(summary.P50)}, p99 {FleetSnapshot.Format(summary.P99)}; cloud saw {cloud.Received.Count} distinct samples"));
await simulator.StopAsync();
