namespace Visco.Retraining.Data;

/// <summary>Which split a sample falls in.</summary>
public enum SplitPart
{
    /// <summary>Trained on.</summary>
    Train,

    /// <summary>Scored during the job.</summary>
    Validation,

    /// <summary>Never seen by training; the candidate and the active model are compared on it.</summary>
    HoldOut,
}
