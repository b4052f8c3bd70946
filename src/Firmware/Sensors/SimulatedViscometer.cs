using Visco.Model;
using Visco.Model.Simulation;

namespace Visco.Firmware.Sensors;

/// <summary>
/// The synthetic viscometer of <c>src/Model</c> (<see cref="BloodSimulator"/>): physics, sensor noise, drift and faults.
/// One instance may serve a whole simulated fleet; calls are serialised because the simulator's generator is not
/// thread-safe, and each sweep costs microseconds, so the lock is never the bottleneck.
/// </summary>
public sealed class SimulatedViscometer(ulong seed, SimulatorOptions? options = null) : IViscometer
{
    private readonly Lock _lock = new();
    private readonly BloodSimulator _simulator = new(seed, options);
    private readonly string _run = Guid.NewGuid().ToString("N")[..8];
    private long _counter;

    /// <inheritdoc />
    public ValueTask<Sweep> MeasureAsync(string deviceId, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        SimulatedMeasurement measurement;
        long number;
        lock (_lock)
        {
            measurement = _simulator.Next();
            number = ++_counter;
        }

        // The simulator's ids repeat across runs with the same seed; the cloud deduplicates by sample id, so a
        // rebooted analyser must never reuse one. The run tag makes them unique per process start.
        var sweep = measurement.Sweep with
        {
            SampleId = $"{deviceId}-{_run}-{number}",
            TakenAt = DateTimeOffset.UtcNow,
        };
        return ValueTask.FromResult(sweep);
    }
}
