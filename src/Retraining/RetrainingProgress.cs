namespace Visco.Retraining;

/// <summary>How far the job is in a stage.</summary>
/// <param name="Stage">read-labels, read-measurements, train, evaluate, write.</param>
/// <param name="Done">Units done.</param>
/// <param name="Total">Units in the stage.</param>
public sealed record RetrainingProgress(string Stage, long Done, long Total);
