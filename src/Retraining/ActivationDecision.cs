using System.Globalization;
using Visco.Model.Evaluation;

namespace Visco.Retraining;

/// <summary>Decides whether a candidate replaces the active model, from both on the same hold-out.</summary>
public static class ActivationDecision
{
    /// <summary>
    /// True when asked to, when there is no active model, or when the candidate's high-shear MAPE beats the active
    /// model's by the margin and its accuracy is at most one point lower.
    /// </summary>
    public static (bool Activate, string Reason) Decide(EvaluationReport candidate, EvaluationReport? active, double margin, bool force)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        if (force)
        {
            return (true, "activation was asked for (--activate)");
        }

        if (active is null)
        {
            return (false, "no active model was given to compare with; activate by hand if wanted");
        }

        var needed = active.HighShear.MeanAbsolutePercentageError * (1 - margin);
        var accuracyOk = candidate.Classification.Accuracy >= active.Classification.Accuracy - 0.01;
        var wins = candidate.HighShear.MeanAbsolutePercentageError <= needed && accuracyOk;
        var reason = string.Create(CultureInfo.InvariantCulture,
            $"high-shear MAPE {candidate.HighShear.MeanAbsolutePercentageError:0.###} % vs active {active.HighShear.MeanAbsolutePercentageError:0.###} % (needs <= {needed:0.###} %), accuracy {candidate.Classification.Accuracy:P1} vs {active.Classification.Accuracy:P1}");
        return (wins, (wins ? "wins: " : "does not win: ") + reason);
    }
}
