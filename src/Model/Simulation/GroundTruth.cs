namespace Visco.Model.Simulation;

/// <summary>What the simulator knows about a sweep it produced (synthetic ground truth).</summary>
/// <param name="LowShearViscosity37">True viscosity at 5 1/s, 37 °C, mPa·s.</param>
/// <param name="HighShearViscosity37">True viscosity at 300 1/s, 37 °C, mPa·s.</param>
/// <param name="Class">True class; <see cref="ViscosityClass.InvalidSample"/> whenever a fault was injected.</param>
/// <param name="Fault">The injected fault, if any.</param>
/// <param name="Sample">The blood sample's physiological state.</param>
/// <param name="CalibrationGain">The analyser's calibration gain when it measured (1 = perfectly calibrated).</param>
public sealed record GroundTruth(
    double LowShearViscosity37,
    double HighShearViscosity37,
    ViscosityClass Class,
    FaultKind Fault,
    BloodSample Sample,
    double CalibrationGain);
