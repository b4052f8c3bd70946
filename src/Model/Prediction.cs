using Visco.Model.Features;

namespace Visco.Model;

/// <summary>The model's answer for one sweep.</summary>
/// <param name="SampleId">The sweep's sample id.</param>
/// <param name="ModelVersion">Version of the model that produced it.</param>
/// <param name="LowShearViscosity37">Viscosity at 5 1/s, 37 °C, mPa·s; null when the sample is invalid.</param>
/// <param name="HighShearViscosity37">Viscosity at 300 1/s, 37 °C, mPa·s; null when the sample is invalid.</param>
/// <param name="Class">Predicted class.</param>
/// <param name="Confidence">Calibrated probability of <paramref name="Class"/> (1 for rejected input).</param>
/// <param name="Flags">Quality flags, see <see cref="PredictionFlags"/>.</param>
/// <param name="ValidationError">Why the input was rejected, or <see cref="SweepValidationError.None"/>.</param>
/// <param name="ValidationMessage">Detail of the rejection, or null.</param>
public sealed record Prediction(
    string SampleId,
    string ModelVersion,
    double? LowShearViscosity37,
    double? HighShearViscosity37,
    ViscosityClass Class,
    double Confidence,
    IReadOnlyList<string> Flags,
    SweepValidationError ValidationError = SweepValidationError.None,
    string? ValidationMessage = null);
