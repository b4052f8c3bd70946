namespace Visco.Model.Simulation;

/// <summary>The (synthetic) physiological state of one blood sample, which fixes its rheology.</summary>
/// <param name="Hematocrit">Red-cell volume fraction (0.45 = 45 %).</param>
/// <param name="PlasmaViscosity37">Plasma viscosity at 37 °C in mPa·s (physiological 1.1-1.3, up to 1.7 in paraproteinaemia).</param>
/// <param name="Aggregation">Multiplier on the shear-thinning (aggregation) part of the curve; 1 for a typical sample, higher with raised fibrinogen.</param>
/// <param name="TimeConstantScale">Multiplier on the Carreau-Yasuda time constant (how early the curve thins).</param>
public sealed record BloodSample(double Hematocrit, double PlasmaViscosity37, double Aggregation, double TimeConstantScale);
