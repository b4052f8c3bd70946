using Visco.Model.Trees;

namespace Visco.Model;

/// <summary>Options of <see cref="ModelTrainer"/>.</summary>
public sealed record ModelTrainingOptions
{
    /// <summary>Boosting options of both viscosity regressors.</summary>
    public GradientBoostingOptions Regression { get; init; } = new()
    {
        MaxRounds = 100,
        LearningRate = 0.3,
        MaxDepth = 6,
        MinSamplesPerLeaf = 20,
        EarlyStoppingRounds = 15,
    };

    /// <summary>Boosting options of the classifier.</summary>
    public GradientBoostingOptions Classification { get; init; } = new()
    {
        MaxRounds = 40,
        LearningRate = 0.35,
        MaxDepth = 5,
        MinSamplesPerLeaf = 10,
        EarlyStoppingRounds = 10,
    };

    /// <summary>Fraction of the data held out for early stopping, calibration and the metrics in the model file.</summary>
    public double ValidationFraction { get; init; } = 0.15;

    /// <summary>Seed of the train/validation split and of row subsampling.</summary>
    public ulong Seed { get; init; } = 7;

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the setting that is out of range.</summary>
    public void Validate()
    {
        ArgumentNullException.ThrowIfNull(Regression, nameof(Regression));
        ArgumentNullException.ThrowIfNull(Classification, nameof(Classification));
        Regression.Validate();
        Classification.Validate();
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(ValidationFraction, 0.0, nameof(ValidationFraction));
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(ValidationFraction, 0.5, nameof(ValidationFraction));
    }
}
