namespace Visco.Model.Evaluation;

/// <summary>Figures for one class.</summary>
/// <param name="Name">Class name.</param>
/// <param name="Precision">Precision (NaN when never predicted).</param>
/// <param name="Recall">Recall (NaN when absent).</param>
/// <param name="F1">F1 score.</param>
/// <param name="Support">Examples of the class.</param>
public sealed record ClassMetrics(string Name, double Precision, double Recall, double F1, int Support);
