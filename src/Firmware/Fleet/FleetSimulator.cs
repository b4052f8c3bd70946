using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Visco.Firmware.Agent;
using Visco.Firmware.Configuration;
using Visco.Firmware.Queue;
using Visco.Firmware.Sensors;

namespace Visco.Firmware.Fleet;

/// <summary>
/// Runs N <see cref="DeviceAgent"/>s in one process: one shared simulated viscometer, in-memory queues, one shared
/// statistics observer and a connect gate, so per-device state stays a client, a small queue and a few counters.
/// Measurements are paced fleet-wide at <see cref="FleetOptions.Rate"/> per second, round-robin over the devices.
/// </summary>
public sealed class FleetSimulator(FleetOptions options, ILoggerFactory loggerFactory)
{
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(50);
    private readonly List<DeviceAgent> _agents = [];
    private long _measured;

    /// <summary>The shared counters.</summary>
    public FleetStatistics Statistics { get; } = new();

    /// <summary>The agents (after <see cref="StartAsync"/>).</summary>
    public IReadOnlyList<DeviceAgent> Agents => _agents;

    /// <summary>Creates and starts every agent; they connect in the background through the connect gate.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        options.Validate();
        var credentials = options.CredentialsFolder is null ? null : FleetCredentialsReader.Read(options.CredentialsFolder);
        var count = credentials?.Count ?? options.Devices;
        var viscometer = new SimulatedViscometer(options.Seed);
        var gate = new SemaphoreSlim(options.ConnectConcurrency);
        var logger = loggerFactory.CreateLogger("Visco.Firmware.Fleet");
        for (var i = 0; i < count; i++)
        {
            var agentOptions = CreateAgentOptions(i, credentials?[i]);
            var services = new AgentServices(viscometer, new MemoryMeasurementQueue(options.QueueCapacity, QueueFullPolicy.DropOldest), logger)
            {
                Observer = Statistics,
                ConnectGate = gate,
                PersistState = false,
            };
            var agent = new DeviceAgent(agentOptions, services);
            _agents.Add(agent);
            await agent.StartAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Paces measurements for the configured duration, reporting a snapshot every second, then drains.</summary>
    public async Task<FleetSnapshot> RunAsync(Action<FleetSnapshot> report, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        var clock = Stopwatch.StartNew();
        var nextReport = TimeSpan.FromSeconds(1);
        var next = 0;
        using var timer = new PeriodicTimer(Tick);
        while (clock.Elapsed < options.Duration && await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
        {
            // Capped at the duration: a tick that lands late (a busy machine) must not add measurements past the end.
            var due = (long)(Math.Min(clock.Elapsed.TotalSeconds, options.Duration.TotalSeconds) * options.Rate);
            while (_measured < due)
            {
                await _agents[next].MeasureAsync(cancellationToken).ConfigureAwait(false);
                next = (next + 1) % _agents.Count;
                _measured++;
            }

            if (clock.Elapsed >= nextReport)
            {
                report(Snapshot(clock.Elapsed));
                nextReport += TimeSpan.FromSeconds(1);
            }
        }

        var drainUntil = clock.Elapsed + options.Drain;
        while (clock.Elapsed < drainUntil && !Drained() && await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
        {
        }

        var summary = Snapshot(clock.Elapsed);
        report(summary);
        return summary;
    }

    /// <summary>Stops every agent gracefully.</summary>
    public async Task StopAsync()
    {
        await Parallel.ForEachAsync(_agents, new ParallelOptions { MaxDegreeOfParallelism = 64 }, async (agent, _) =>
        {
            await agent.StopAsync().ConfigureAwait(false);
            await agent.DisposeAsync().ConfigureAwait(false);
        }).ConfigureAwait(false);
    }

    /// <summary>The figures now.</summary>
    public FleetSnapshot Snapshot(TimeSpan elapsed)
    {
        var connected = 0;
        long queued = 0;
        foreach (var agent in _agents)
        {
            connected += agent.IsConnected ? 1 : 0;
            queued += agent.QueueDepth;
        }

        var statistics = Statistics;
        return new FleetSnapshot(elapsed, _agents.Count, connected, Interlocked.Read(ref _measured), statistics.Sent, statistics.Acknowledged,
            statistics.Results, statistics.Errors, queued, statistics.Reconnects, statistics.Latency.Percentile(0.5), statistics.Latency.Percentile(0.99));
    }

    private bool Drained()
    {
        var statistics = Statistics;
        return _agents.All(a => a.QueueDepth == 0) && statistics.Results + statistics.Errors >= statistics.Acknowledged;
    }

    private AgentOptions CreateAgentOptions(int index, FleetCredential? credential)
    {
        var hospital = credential?.HospitalId ?? $"hospital-{(index % options.Hospitals) + 1:D3}";
        var deviceId = credential?.DeviceId ?? $"sim-{hospital}-{index:D5}";
        var authentication = credential switch
        {
            null => new AuthenticationOptions(),
            { Secret: { } secret } => new AuthenticationOptions { Mode = AuthenticationMode.Secret, Secret = secret },
            _ => new AuthenticationOptions
            {
                Mode = AuthenticationMode.Certificate,
                CertificatePem = credential.CertificatePem,
                PrivateKeyPem = credential.PrivateKeyPem,
            },
        };
        return new AgentOptions
        {
            DeviceId = deviceId,
            HospitalId = hospital,
            StateDirectory = Path.Combine(Path.GetTempPath(), "visco-fleet", deviceId),
            FirmwareVersion = "2.4.0-sim",
            StateIntervalSeconds = 3600,
            Broker = new BrokerOptions
            {
                Host = options.Host,
                Port = options.Port,
                Tls = options.Tls || authentication.Mode == AuthenticationMode.Certificate,
                CaCertificateFile = options.CaCertificateFile,
                ProtocolVersion = options.ProtocolVersion,
                KeepAliveSeconds = options.KeepAliveSeconds,
                ReconnectInitialDelayMs = 500,
                ReconnectMaximumDelayMs = 30_000,
            },
            Authentication = authentication,
            Queue = new QueueOptions { Capacity = options.QueueCapacity, FullPolicy = QueueFullPolicy.DropOldest, MaxInflight = 8 },
        };
    }
}
