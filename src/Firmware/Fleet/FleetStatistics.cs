using Visco.Firmware.Agent;

namespace Visco.Firmware.Fleet;

/// <summary>The fleet's counters: one observer shared by every simulated agent, updated without locks.</summary>
public sealed class FleetStatistics : IAgentObserver
{
    private long _sent;
    private long _acknowledged;
    private long _results;
    private long _errors;
    private long _reconnects;

    /// <summary>Publish→result latencies.</summary>
    public LatencyHistogram Latency { get; } = new();

    /// <summary>Measurements published (resends included).</summary>
    public long Sent => Interlocked.Read(ref _sent);

    /// <summary>Measurements acknowledged by the broker.</summary>
    public long Acknowledged => Interlocked.Read(ref _acknowledged);

    /// <summary>Results received.</summary>
    public long Results => Interlocked.Read(ref _results);

    /// <summary>Refusals received on the results topic.</summary>
    public long Errors => Interlocked.Read(ref _errors);

    /// <summary>Connections re-established after a loss.</summary>
    public long Reconnects => Interlocked.Read(ref _reconnects);

    /// <inheritdoc />
    public void MeasurementSent() => Interlocked.Increment(ref _sent);

    /// <inheritdoc />
    public void MeasurementAcknowledged() => Interlocked.Increment(ref _acknowledged);

    /// <inheritdoc />
    public void ResultReceived(TimeSpan? latency, bool isError)
    {
        Interlocked.Increment(ref isError ? ref _errors : ref _results);
        if (latency is { } value)
        {
            Latency.Record(value);
        }
    }

    /// <inheritdoc />
    public void Reconnected() => Interlocked.Increment(ref _reconnects);
}
