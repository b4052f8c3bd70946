namespace Visco.Model.Features;

/// <summary>Outcome of <see cref="SweepValidator.Validate"/>: valid, or the first problem found with a precise message.</summary>
public sealed record SweepValidationResult
{
    private SweepValidationResult(SweepValidationError error, string message)
    {
        Error = error;
        Message = message;
    }

    /// <summary>The shared result for a usable sweep.</summary>
    public static SweepValidationResult Valid { get; } = new(SweepValidationError.None, "valid");

    /// <summary>The problem found, or <see cref="SweepValidationError.None"/>.</summary>
    public SweepValidationError Error { get; }

    /// <summary>Human-readable reason, naming the offending index or value.</summary>
    public string Message { get; }

    /// <summary>True when the sweep is usable.</summary>
    public bool IsValid => Error == SweepValidationError.None;

    /// <summary>A failed validation.</summary>
    public static SweepValidationResult Invalid(SweepValidationError error, string message)
    {
        if (error == SweepValidationError.None)
        {
            throw new ArgumentException("An invalid result needs an error.", nameof(error));
        }

        return new SweepValidationResult(error, message);
    }
}
