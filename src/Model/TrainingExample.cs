using Visco.Model.Simulation;

namespace Visco.Model;

/// <summary>A sweep with its reference values: from the simulator, or from a lab result sent back through the API.</summary>
/// <param name="Sweep">The raw sweep.</param>
/// <param name="LowShearViscosity37">Reference viscosity at 5 1/s, 37 °C, mPa·s.</param>
/// <param name="HighShearViscosity37">Reference viscosity at 300 1/s, 37 °C, mPa·s.</param>
/// <param name="Class">Reference class.</param>
public sealed record TrainingExample(Sweep Sweep, double LowShearViscosity37, double HighShearViscosity37, ViscosityClass Class)
{
    /// <summary>The example for a simulated measurement, labelled with its ground truth.</summary>
    public static TrainingExample FromSimulation(SimulatedMeasurement measurement)
    {
        ArgumentNullException.ThrowIfNull(measurement);
        var truth = measurement.Truth;
        return new TrainingExample(measurement.Sweep, truth.LowShearViscosity37, truth.HighShearViscosity37, truth.Class);
    }
}
