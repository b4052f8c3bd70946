namespace Visco.Retraining;

/// <summary>What the retraining job reads, how it splits and trains, and when it recommends activation.</summary>
public sealed record RetrainingOptions
{
    /// <summary>Hospitals to read (null = all in the lake).</summary>
    public IReadOnlySet<string>? Hospitals { get; init; }

    /// <summary>First date partition read (inclusive).</summary>
    public DateOnly From { get; init; } = DateOnly.MinValue;

    /// <summary>Last date partition read (inclusive).</summary>
    public DateOnly To { get; init; } = DateOnly.MaxValue;

    /// <summary>The candidate's version; null = one above the highest numeric version under <c>lake/models/</c>.</summary>
    public string? CandidateVersion { get; init; }

    /// <summary>The active model's version, evaluated on the same hold-out (null = no comparison).</summary>
    public string? ActiveVersion { get; init; }

    /// <summary>Recommend activation whatever the comparison says (<c>--activate</c>).</summary>
    public bool ForceActivate { get; init; }

    /// <summary>
    /// Relative improvement of the high-shear MAPE on the hold-out the candidate needs over the active model to be
    /// activated automatically (0.05 = 5 % better), with its class accuracy no more than 1 point worse.
    /// </summary>
    public double ActivationMargin { get; init; } = 0.05;

    /// <summary>The job refuses to train on fewer labelled rows.</summary>
    public int MinLabelledRows { get; init; } = 200;

    /// <summary>Share of samples (by hash of the sample id) held out for the comparison, in percent.</summary>
    public int HoldOutPercent { get; init; } = 15;

    /// <summary>Share of samples used for validation, in percent.</summary>
    public int ValidationPercent { get; init; } = 15;

    /// <summary>Who runs it (recorded in the manifest).</summary>
    public string RequestedBy { get; init; } = "visco-retrain";

    /// <summary>Throws with a message that says how to fix the first bad setting.</summary>
    public void Validate()
    {
        if (From > To)
        {
            throw new ArgumentException($"--from {From:yyyy-MM-dd} is after --to {To:yyyy-MM-dd}.");
        }

        if (HoldOutPercent is < 1 or > 50 || ValidationPercent is < 1 or > 50)
        {
            throw new ArgumentException("Hold-out and validation shares must each be between 1 and 50 percent.");
        }

        if (ActivationMargin is < 0 or >= 1 || MinLabelledRows < 10)
        {
            throw new ArgumentException("The activation margin must be in [0, 1) and at least 10 labelled rows are required.");
        }
    }
}
