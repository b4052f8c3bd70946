namespace Visco.Model.Trees;

/// <summary>A trained ensemble and how training went.</summary>
/// <param name="Ensemble">The ensemble, truncated to the best round when early stopping was on.</param>
/// <param name="RoundsRun">Boosting rounds actually run.</param>
/// <param name="BestRound">Number of rounds kept (1-based count).</param>
/// <param name="BestValidationLoss">Validation loss after the kept rounds (NaN without a validation set).</param>
/// <param name="ValidationLoss">Validation loss after each round.</param>
/// <param name="StoppedEarly">True when training stopped before MaxRounds because validation loss stalled.</param>
public sealed record BoostingResult(
    TreeEnsemble Ensemble,
    int RoundsRun,
    int BestRound,
    double BestValidationLoss,
    IReadOnlyList<double> ValidationLoss,
    bool StoppedEarly);
