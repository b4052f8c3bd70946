using System.Diagnostics;

namespace Visco.Runtime.Bench;

/// <summary>Prints throughput and latency percentiles.</summary>
internal static class Report
{
    public static void Latency(string what, long operations, double seconds, IEnumerable<long> ticks)
    {
        var sorted = ticks.ToArray();
        Array.Sort(sorted);
        double Micros(double q) => sorted.Length == 0 ? 0 : sorted[(int)Math.Min(sorted.Length - 1, q * sorted.Length)] * 1e6 / Stopwatch.Frequency;
        Console.WriteLine(
            $"{what}: {operations:N0} in {seconds:F2} s = {operations / seconds:N0}/s; latency p50 {Micros(0.5):F1} µs, p99 {Micros(0.99):F1} µs, p99.9 {Micros(0.999):F1} µs ({sorted.Length:N0} samples)");
    }
}
