using Visco.Model;

namespace Visco.Retraining;

/// <summary>One hold-out sample as a model saw it, for the report's plots.</summary>
/// <param name="HospitalId">The hospital.</param>
/// <param name="DeviceId">The analyser.</param>
/// <param name="ReferenceHigh">Reference high-shear viscosity (mPa·s).</param>
/// <param name="PredictedHigh">Predicted high-shear viscosity, or null when the model rejected the sample.</param>
/// <param name="ReferenceClass">Reference class.</param>
/// <param name="PredictedClass">Predicted class.</param>
public sealed record HoldOutPrediction(
    string HospitalId, string DeviceId, double ReferenceHigh, double? PredictedHigh, ViscosityClass ReferenceClass, ViscosityClass PredictedClass);
