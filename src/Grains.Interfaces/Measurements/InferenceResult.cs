namespace Visco.Grains.Interfaces.Measurements;

/// <summary>What the inference pool computed for one sweep.</summary>
/// <param name="ModelVersion">The model version that produced it.</param>
/// <param name="LowShearViscosity">Viscosity at 5 1/s and 37 °C, mPa·s; null for an invalid sample.</param>
/// <param name="HighShearViscosity">Viscosity at 300 1/s and 37 °C, mPa·s; null for an invalid sample.</param>
/// <param name="Class">normal, elevated, hyperviscous or invalid-sample (see <see cref="ResultClasses"/>).</param>
/// <param name="Confidence">Calibrated probability of the class, 0-1.</param>
/// <param name="Flags">Quality flags (stable strings).</param>
public sealed record InferenceResult(
    string ModelVersion,
    double? LowShearViscosity,
    double? HighShearViscosity,
    string Class,
    double Confidence,
    IReadOnlyList<string> Flags);
