using Visco.Grains.Interfaces.Measurements;
using Visco.Model.Simulation;

namespace Visco.Retraining.Tests.Hosting;

/// <summary>Measurement events as device grains publish them, from the simulator.</summary>
public static class Events
{
    private static readonly BloodSimulator Simulator = new(77, new SimulatorOptions());
    private static readonly Lock SimulatorLock = new();

    /// <summary>An event for a device's sample, received at <paramref name="receivedAt"/>.</summary>
    public static MeasurementRecorded Create(string hospitalId, string deviceId, string sampleId, DateTimeOffset receivedAt)
    {
        Model.Sweep sweep;
        lock (SimulatorLock)
        {
            sweep = Simulator.Next().Sweep;
        }

        var data = new SweepData(sampleId, receivedAt.AddSeconds(-5), sweep.TemperatureC, sweep.ShearRate, sweep.ShearStress, sweep.Hematocrit, "fw-1");
        var inference = new InferenceResult("1", 12.5, 4.1, "normal", 0.9, ["ok"]);
        return new MeasurementRecorded(deviceId, hospitalId, data, new MeasurementResult(sampleId, inference, "sha256:00", receivedAt), receivedAt);
    }
}
