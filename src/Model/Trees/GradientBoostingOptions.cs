namespace Visco.Model.Trees;

/// <summary>Hyper-parameters of gradient boosting.</summary>
public sealed record GradientBoostingOptions
{
    /// <summary>Most boosting rounds.</summary>
    public int MaxRounds { get; init; } = 300;

    /// <summary>Shrinkage applied to every leaf value.</summary>
    public double LearningRate { get; init; } = 0.1;

    /// <summary>Deepest split level (a depth-6 tree has up to 64 leaves).</summary>
    public int MaxDepth { get; init; } = 6;

    /// <summary>Fewest training rows a leaf may hold.</summary>
    public int MinSamplesPerLeaf { get; init; } = 20;

    /// <summary>Smallest hessian sum a leaf may hold (guards softmax leaves where p(1 - p) vanishes).</summary>
    public double MinHessianPerLeaf { get; init; } = 1e-3;

    /// <summary>L2 regularisation on leaf values (lambda).</summary>
    public double L2Regularization { get; init; } = 1.0;

    /// <summary>Smallest loss reduction worth a split (gamma).</summary>
    public double MinSplitGain { get; init; }

    /// <summary>Fraction of rows sampled (without replacement) for each round.</summary>
    public double RowSubsample { get; init; } = 0.8;

    /// <summary>Quantile bins per feature, 2-256.</summary>
    public int MaxBins { get; init; } = 128;

    /// <summary>Stop when the validation loss has not improved for this many rounds; 0 disables early stopping.</summary>
    public int EarlyStoppingRounds { get; init; } = 20;

    /// <summary>Seed of row subsampling.</summary>
    public ulong Seed { get; init; } = 1;

    /// <summary>Threads used for histogram building.</summary>
    public int MaxDegreeOfParallelism { get; init; } = Environment.ProcessorCount;

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the setting that is out of range.</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxRounds, 1, nameof(MaxRounds));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(LearningRate, 0.0, nameof(LearningRate));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(LearningRate, 1.0, nameof(LearningRate));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxDepth, 1, nameof(MaxDepth));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(MaxDepth, 16, nameof(MaxDepth));
        ArgumentOutOfRangeException.ThrowIfLessThan(MinSamplesPerLeaf, 1, nameof(MinSamplesPerLeaf));
        ArgumentOutOfRangeException.ThrowIfNegative(MinHessianPerLeaf, nameof(MinHessianPerLeaf));
        ArgumentOutOfRangeException.ThrowIfNegative(L2Regularization, nameof(L2Regularization));
        ArgumentOutOfRangeException.ThrowIfNegative(MinSplitGain, nameof(MinSplitGain));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(RowSubsample, 0.0, nameof(RowSubsample));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(RowSubsample, 1.0, nameof(RowSubsample));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxBins, 2, nameof(MaxBins));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(MaxBins, 256, nameof(MaxBins));
        ArgumentOutOfRangeException.ThrowIfNegative(EarlyStoppingRounds, nameof(EarlyStoppingRounds));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxDegreeOfParallelism, 1, nameof(MaxDegreeOfParallelism));
    }
}
