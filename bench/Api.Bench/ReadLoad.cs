using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using Visco.Bench.Shared;

namespace Visco.Api.Bench;

/// <summary>
/// Open-loop reads at a fixed rate: requests start on schedule whether or not earlier ones have finished, and latency
/// is measured from the scheduled start, so a stall is not hidden by coordinated omission.
/// </summary>
internal static class ReadLoad
{
    /// <summary>Latency above which a request goes to the slow log, ms.</summary>
    public const double SlowMs = 5;

    public sealed record Figures(List<double> Latencies, List<double> Lateness, int Errors, TimeSpan Elapsed, TimeSpan Cpu, string? FirstError);

    /// <summary>
    /// Sends <paramref name="rate"/> GETs a second for <paramref name="seconds"/>, request i to <paramref name="path"/>(i).
    /// With <paramref name="slowLog"/>, every recorded request slower than <see cref="SlowMs"/> is written there as its
    /// due time (UTC, ISO 8601) and latency, to line up against a trace of the server (its GC pauses, say).
    /// </summary>
    public static async Task<Figures> RunAsync(HttpClient client, int rate, int seconds, Func<int, Uri> path, bool record, string? slowLog = null)
    {
        var total = rate * seconds;
        var latencies = new List<double>(total);
        var lateness = new List<double>(total);
        var errors = 0;
        string? firstError = null;
        var gate = new Lock();
        var inFlight = new List<Task>(total);
        var cpuBefore = Environment.CpuUsage.TotalTime;
        var start = Stopwatch.GetTimestamp();
        var startUtc = DateTime.UtcNow;
        var slow = new List<string>();

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
                inFlight.Add(SendAsync(i, due));
            }
        })
        { IsBackground = true, Name = "pacer", Priority = ThreadPriority.AboveNormal };
        pacer.Start();
        await Task.Run(pacer.Join);
        await Task.WhenAll(inFlight);
        var elapsed = Stopwatch.GetElapsedTime(start);
        latencies.Sort();
        lateness.Sort();
        if (slowLog is not null && record)
        {
            await File.WriteAllLinesAsync(slowLog, slow);
        }

        return new Figures(latencies, lateness, errors, elapsed, Environment.CpuUsage.TotalTime - cpuBefore, firstError);

        async Task SendAsync(int i, TimeSpan due)
        {
            // How late the request left the client (the pacer and this process's own queueing), included in its latency.
            var late = (Stopwatch.GetElapsedTime(start) - due).TotalMilliseconds;
            string? error;
            try
            {
                using var response = await client.GetAsync(path(i), HttpCompletionOption.ResponseHeadersRead);
                await DrainAsync(response);
                error = response.IsSuccessStatusCode ? null : $"HTTP {(int)response.StatusCode}";
            }
            catch (HttpRequestException exception)
            {
                error = exception.Message;
            }

            var latency = (Stopwatch.GetElapsedTime(start) - due).TotalMilliseconds;
            lock (gate)
            {
                if (error is not null)
                {
                    errors++;
                    firstError ??= error;
                }
                else if (record)
                {
                    latencies.Add(latency);
                    lateness.Add(late);
                    if (slowLog is not null && latency > SlowMs)
                    {
                        slow.Add(string.Create(CultureInfo.InvariantCulture, $"{startUtc + due:O} {latency:F2}"));
                    }
                }
            }
        }
    }

    /// <summary>Prints the request count, latency percentiles, the client's lateness and this process's CPU.</summary>
    public static void Print(Figures figures, string cpuNote)
    {
        var (latencies, lateness, errors, elapsed, cpu, firstError) = figures;
        var requests = latencies.Count + errors;
        Console.WriteLine($"requests {requests:N0} in {elapsed.TotalSeconds:F1} s = {requests / elapsed.TotalSeconds:F0}/s, errors {errors}"
            + (firstError is null ? string.Empty : $" (the first: {firstError})"));
        if (latencies.Count == 0)
        {
            return;
        }

        foreach (var p in new[] { 50.0, 90.0, 99.0, 99.9 })
        {
            Console.WriteLine($"p{p.ToString(CultureInfo.InvariantCulture),-5} {Percentile(latencies, p):F2} ms");
        }

        Console.WriteLine($"max   {latencies[^1]:F2} ms");
        Console.WriteLine($"client lateness (due -> request started, included above) p50 {Percentile(lateness, 50):F2} ms, p99 {Percentile(lateness, 99):F2} ms");
        Console.WriteLine($"process CPU {cpu.TotalSeconds / elapsed.TotalSeconds:F2} cores, {cpu.TotalMicroseconds / Math.Max(1, requests):F0} µs per request ({cpuNote})");
    }

    // The whole body is read (the request is timed to its last byte) into a pooled buffer: buffering each ~30 KB page in
    // a fresh growing array was a quarter of the bytes this process allocated, and the collections it caused paused the
    // silo sharing the process too.
    private static async Task DrainAsync(HttpResponseMessage response)
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

    private static double Percentile(List<double> sorted, double p) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p / 100 * sorted.Count) - 1)];
}
