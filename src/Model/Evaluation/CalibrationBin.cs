namespace Visco.Model.Evaluation;

/// <summary>One confidence bin of a reliability diagram.</summary>
/// <param name="Lower">Lower confidence bound (exclusive, except for the first bin).</param>
/// <param name="Upper">Upper confidence bound (inclusive).</param>
/// <param name="Count">Predictions in the bin.</param>
/// <param name="MeanConfidence">Mean confidence in the bin.</param>
/// <param name="Accuracy">Fraction correct in the bin.</param>
public sealed record CalibrationBin(double Lower, double Upper, int Count, double MeanConfidence, double Accuracy);
