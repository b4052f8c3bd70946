using Visco.Model;

namespace Visco.Retraining.Data;

/// <summary>A lake measurement joined with its label, ready to train on.</summary>
/// <param name="HospitalId">The hospital.</param>
/// <param name="DeviceId">The analyser.</param>
/// <param name="Example">The sweep with its reference values.</param>
public sealed record LabelledSample(string HospitalId, string DeviceId, TrainingExample Example);
