namespace Visco.Firmware.Fleet;

/// <summary>The fleet's figures at one moment (the live table's row and the final summary).</summary>
/// <param name="Elapsed">Time since the run started.</param>
/// <param name="Devices">Agents in the fleet.</param>
/// <param name="Connected">Agents connected now.</param>
/// <param name="Measured">Measurements taken.</param>
/// <param name="Sent">Measurements published (resends included).</param>
/// <param name="Acknowledged">Measurements acknowledged.</param>
/// <param name="Results">Results received.</param>
/// <param name="Errors">Refusals received.</param>
/// <param name="Queued">Measurements waiting in the agents' queues.</param>
/// <param name="Reconnects">Connections re-established.</param>
/// <param name="P50">Median publish→result latency.</param>
/// <param name="P99">99th percentile publish→result latency.</param>
public sealed record FleetSnapshot(
    TimeSpan Elapsed, int Devices, int Connected, long Measured, long Sent, long Acknowledged, long Results, long Errors,
    long Queued, long Reconnects, TimeSpan? P50, TimeSpan? P99)
{
    /// <summary>Acknowledged measurements per second over the run.</summary>
    public double AcknowledgedPerSecond => Elapsed > TimeSpan.Zero ? Acknowledged / Elapsed.TotalSeconds : 0;

    /// <summary>One plain line, for logs and terminals that are not interactive.</summary>
    public override string ToString() => string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"t={Elapsed.TotalSeconds:F0}s devices={Devices} connected={Connected} measured={Measured} sent={Sent} acked={Acknowledged} " +
        $"results={Results} errors={Errors} queued={Queued} reconnects={Reconnects} p50={Format(P50)} p99={Format(P99)} acked/s={AcknowledgedPerSecond:F0}");

    /// <summary>A latency in milliseconds, or "-".</summary>
    public static string Format(TimeSpan? latency) =>
        latency is { } value ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{value.TotalMilliseconds:F1}ms") : "-";
}
