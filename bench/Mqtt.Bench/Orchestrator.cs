using System.Net.Sockets;

namespace Visco.Mqtt.Bench;

/// <summary>
/// The side-by-side run: throughput (flat out and at a fixed rate, medians of three) against our front door (device
/// mode, secret authentication, no-op handler) and mosquitto; then our memory with sockets that never authenticate,
/// with 10,000 idle authenticated devices, and throughput while they stay connected.
/// </summary>
internal static class Orchestrator
{
    public static async Task RunAsync(int connections, double rate, int seconds, int idle, int preAuth, bool inlineScheduling)
    {
        var results = new List<string>();
        void Report(string line)
        {
            Console.WriteLine(line);
            results.Add(line);
        }

        LoadSettings Settings(Broker broker, double r) =>
            new("127.0.0.1", broker.Port, connections, r, TimeSpan.FromSeconds(seconds), 16, 250, broker.Name == "ours");

        using var ours = await Broker.StartOursAsync(18830, connectTimeoutSeconds: 600, inlineScheduling);
        Console.WriteLine($"ours: device mode, secret authentication, no-op handler, UnsafePreferInlineScheduling={inlineScheduling}");
        using var mosquitto = await Broker.StartMosquittoAsync(18831);
        Report($"ours at start: {ours.ResidentMb():F1} MB RSS; mosquitto: {mosquitto.ResidentMb():F1} MB RSS");

        var baseline = new Dictionary<string, LoadResult>();
        foreach (var (label, r) in new[] { ("flat out", 0.0), ($"fixed {rate:F0}/s", rate) })
        {
            foreach (var broker in new[] { ours, mosquitto })
            {
                var median = await MedianOfThreeAsync(Settings(broker, r));
                baseline[$"{broker.Name} {label}"] = median;
                Report($"{broker.Name,-9} {label,-14} {median}");
            }
        }

        // Memory held by sockets that connect and send part of a CONNECT, never authenticating.
        var before = ours.ResidentMb();
        var sockets = new List<TcpClient>();
        for (var i = 0; i < preAuth; i++)
        {
            var socket = new TcpClient();
            await socket.ConnectAsync("127.0.0.1", ours.Port);
            await socket.GetStream().WriteAsync(new byte[] { 0x10, 0x20, 0x00, 0x04 });
            sockets.Add(socket);
        }

        await Task.Delay(2000);
        var after = ours.ResidentMb();
        Report($"pre-auth: {preAuth} sockets, RSS {before:F1} -> {after:F1} MB, {(after - before) * 1024 / preAuth:F1} KB per connection");
        sockets.ForEach(s => s.Dispose());
        await Task.Delay(2000);

        foreach (var broker in new[] { ours, mosquitto })
        {
            // The idle clients live in a process of their own, so the load generator is the same process as before.
            var start = broker.ResidentMb();
            using var holder = IdleHolder.Start(broker.Port, idle, broker.Name == "ours");
            await holder.WaitUntilHeldAsync();
            await Task.Delay(2000);
            var held = broker.ResidentMb();
            Report($"{broker.Name,-9} {idle} idle connections: RSS {start:F1} -> {held:F1} MB ({(held - start) * 1024 / idle:F1} KB each)");
            foreach (var (label, r) in new[] { ("flat out", 0.0), ($"fixed {rate:F0}/s", rate) })
            {
                var median = await MedianOfThreeAsync(Settings(broker, r));
                var without = baseline[$"{broker.Name} {label}"];
                Report($"{broker.Name,-9} {label,-14} with {idle} idle: {median}  ({median.Throughput / without.Throughput:P1} of without)");
            }

        }

        foreach (var label in new[] { "flat out", $"fixed {rate:F0}/s" })
        {
            var a = baseline[$"ours {label}"];
            var b = baseline[$"mosquitto {label}"];
            Report($"ratio ours/mosquitto {label}: throughput {a.Throughput / b.Throughput:F2}, p99 {a.P99Ms:F2} vs {b.P99Ms:F2} ms");
        }
    }

    private static async Task<LoadResult> MedianOfThreeAsync(LoadSettings settings)
    {
        var runs = new List<LoadResult>();
        for (var i = 0; i < 3; i++)
        {
            runs.Add(await LoadGenerator.RunAsync(settings));
        }

        var byThroughput = runs.OrderBy(r => r.Throughput).ToList();
        var byP99 = runs.OrderBy(r => r.P99Ms).ToList();
        var byP50 = runs.OrderBy(r => r.P50Ms).ToList();
        return new LoadResult(byThroughput[1].Throughput, byP50[1].P50Ms, runs.OrderBy(r => r.P90Ms).ToList()[1].P90Ms, byP99[1].P99Ms, runs.OrderBy(r => r.P999Ms).ToList()[1].P999Ms, runs.Sum(r => r.Errors));
    }
}
