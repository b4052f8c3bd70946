using Microsoft.Extensions.Logging;
using Visco.Firmware.Queue;
using Visco.Firmware.Sensors;

namespace Visco.Firmware.Agent;

/// <summary>What an agent runs on: its sensor, queue, clock and logger, and optional fleet-wide parts.</summary>
/// <param name="Viscometer">The sensor driver.</param>
/// <param name="Queue">The store-and-forward queue.</param>
/// <param name="Logger">The logger.</param>
public sealed record AgentServices(IViscometer Viscometer, MeasurementQueue Queue, ILogger Logger)
{
    /// <summary>The clock of back-off and timers.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>The HTTP client of firmware downloads; null refuses firmware updates.</summary>
    public HttpClient? FirmwareHttp { get; init; }

    /// <summary>Counters, for the fleet simulator.</summary>
    public IAgentObserver? Observer { get; init; }

    /// <summary>Limits concurrent connection attempts across a fleet, so ten thousand agents do not connect at once.</summary>
    public SemaphoreSlim? ConnectGate { get; init; }

    /// <summary>Whether state and credentials live on disk (false for simulated fleet devices).</summary>
    public bool PersistState { get; init; } = true;
}
