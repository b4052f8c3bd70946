namespace Visco.Model;

/// <summary>What a model file says about the model: identity, provenance and validation metrics.</summary>
/// <param name="ModelVersion">Version string, e.g. "1".</param>
/// <param name="CreatedAt">When training finished (UTC).</param>
/// <param name="TrainingDataSource">Where the training data came from, e.g. "simulator seed=…" or a lake query.</param>
/// <param name="TrainingSampleCount">Number of usable training sweeps (training plus validation split).</param>
/// <param name="TrainingDataFrom">Earliest sweep time in the training data.</param>
/// <param name="TrainingDataTo">Latest sweep time in the training data.</param>
/// <param name="Metrics">Validation metrics by name (see <see cref="ModelTrainer"/> for the names).</param>
public sealed record ModelMetadata(
    string ModelVersion,
    DateTimeOffset CreatedAt,
    string TrainingDataSource,
    int TrainingSampleCount,
    DateTimeOffset TrainingDataFrom,
    DateTimeOffset TrainingDataTo,
    IReadOnlyDictionary<string, double> Metrics);
