namespace Visco.Firmware.Agent;

/// <summary>Counts what agents do; the fleet simulator aggregates thousands of agents through one observer.</summary>
public interface IAgentObserver
{
    /// <summary>A measurement was published (first send or resend).</summary>
    void MeasurementSent();

    /// <summary>The broker acknowledged a measurement (PUBACK); it left the queue.</summary>
    void MeasurementAcknowledged();

    /// <summary>A result (or a refusal) arrived; <paramref name="latency"/> is publish→result when known.</summary>
    void ResultReceived(TimeSpan? latency, bool isError);

    /// <summary>The agent re-established a lost connection.</summary>
    void Reconnected();
}
