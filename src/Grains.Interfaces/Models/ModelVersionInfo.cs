namespace Visco.Grains.Interfaces.Models;

/// <summary>A registered model version.</summary>
/// <param name="Version">The version string.</param>
/// <param name="CreatedAt">When it was trained (UTC).</param>
/// <param name="TrainingDataSource">Where its training data came from.</param>
/// <param name="TrainingSampleCount">How many sweeps it was trained on.</param>
/// <param name="Metrics">Validation metrics by name, from the model file.</param>
/// <param name="FileSha256">SHA-256 (hex) of the model file.</param>
/// <param name="RegisteredAt">When it was registered (UTC).</param>
/// <param name="RegisteredBy">Who registered it.</param>
public sealed record ModelVersionInfo(
    string Version,
    DateTimeOffset CreatedAt,
    string TrainingDataSource,
    int TrainingSampleCount,
    IReadOnlyDictionary<string, double> Metrics,
    string FileSha256,
    DateTimeOffset RegisteredAt,
    string RegisteredBy);
