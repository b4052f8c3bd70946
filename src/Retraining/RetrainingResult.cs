using Visco.Model.Evaluation;

namespace Visco.Retraining;

/// <summary>What a retraining run produced and decided.</summary>
/// <param name="CandidateVersion">The new model's version.</param>
/// <param name="ModelPath">Its model file in the lake (<c>lake/models/{version}/model.vmdl</c>).</param>
/// <param name="ManifestPath">Its manifest (<c>lake/models/{version}/manifest.json</c>).</param>
/// <param name="ReportPath">Its evaluation report (<c>lake/models/{version}/report.md</c>).</param>
/// <param name="Candidate">The candidate on the hold-out.</param>
/// <param name="CandidateValidation">The candidate on the validation part (samples neither trained on nor held out).</param>
/// <param name="Active">The active model on the same hold-out, when one was given.</param>
/// <param name="Activate">Whether the silo should register and activate it (asked for, or it won by the margin).</param>
/// <param name="Reason">Why it is or is not to be activated.</param>
/// <param name="TrainCount">Samples trained on.</param>
/// <param name="ValidationCount">Samples validated on.</param>
/// <param name="HoldOutCount">Samples held out.</param>
public sealed record RetrainingResult(
    string CandidateVersion, string ModelPath, string ManifestPath, string ReportPath, EvaluationReport Candidate,
    EvaluationReport CandidateValidation, EvaluationReport? Active, bool Activate, string Reason, int TrainCount, int ValidationCount, int HoldOutCount);
