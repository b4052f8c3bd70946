namespace Visco.Mqtt.Bench;

/// <summary>What a load run measured.</summary>
internal sealed record LoadResult(double Throughput, double P50Ms, double P90Ms, double P99Ms, double P999Ms, long Errors)
{
    public override string ToString() =>
        $"{Throughput,10:F0} msg/s  p50 {P50Ms,7:F2} ms  p90 {P90Ms,7:F2} ms  p99 {P99Ms,7:F2} ms  p99.9 {P999Ms,7:F2} ms  errors {Errors}";
}
