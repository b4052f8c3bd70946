namespace Visco.E2E.Bench;

/// <summary>The figures of one measured run.</summary>
internal sealed record RunResult
{
    public double AckedPerSecond { get; init; }

    public double ResultsPerSecond { get; init; }

    /// <summary>publish→PUBACK p50, p90, p99, max (ms).</summary>
    public double[] Ack { get; init; } = [];

    /// <summary>publish→result p50, p90, p99, max (ms).</summary>
    public double[] Result { get; init; } = [];

    public long Errors { get; init; }

    public string ErrorDetail { get; init; } = string.Empty;

    /// <summary>Acknowledged measurements whose result never arrived.</summary>
    public long MissingResults { get; init; }

    /// <summary>Silo CPU per acknowledged measurement (µs); NaN without a silo process.</summary>
    public double SiloCpuUs { get; init; } = double.NaN;

    /// <summary>Cores the silo used on average in the window.</summary>
    public double SiloCores { get; init; } = double.NaN;

    /// <summary>CPU per acknowledged measurement (µs) of the PostgreSQL server on this machine; NaN when not measured.</summary>
    public double ServerCpuUs { get; init; } = double.NaN;

    /// <summary>Cores the PostgreSQL server on this machine used on average in the window.</summary>
    public double ServerCores { get; init; } = double.NaN;

    public double GeneratorCpuUs { get; init; }

    public double GeneratorCores { get; init; }

    public double LoadBefore { get; init; }

    public double LoadAfter { get; init; }

    public static string Header =>
        "acked/s  results/s | PUBACK p50/p90/p99/max ms     | result p50/p90/p99/max ms     | errors | silo µs/meas (cores) | gen µs/meas (cores) | load";

    public override string ToString() =>
        $"{AckedPerSecond,7:F0}  {ResultsPerSecond,9:F0} | {Ms(Ack),-29} | {Ms(Result),-29} | {Errors,6} | {SiloCpuUs,7:F1} ({SiloCores:F2})      | {GeneratorCpuUs,6:F1} ({GeneratorCores:F2})      | {LoadBefore:F1}→{LoadAfter:F1}"
        + (double.IsNaN(ServerCpuUs) ? string.Empty : $"  postgres server {ServerCpuUs:F1} µs/meas ({ServerCores:F2})")
        + (MissingResults > 0 ? $"  missing results {MissingResults}" : string.Empty)
        + (ErrorDetail.Length > 0 ? $"  [{ErrorDetail}]" : string.Empty);

    private static string Ms(double[] q) => string.Join(" / ", q.Select(v => v.ToString(v < 10 ? "F2" : "F0", System.Globalization.CultureInfo.InvariantCulture)));
}
