namespace Visco.Retraining;

/// <summary>The job refuses to train: the data is garbage (corrupt or newer files, NaNs, too few labels). Names the files.</summary>
public sealed class RetrainingRefusedException : Exception
{
    /// <summary>Creates the exception.</summary>
    public RetrainingRefusedException(string message, IReadOnlyList<string>? files = null, Exception? inner = null)
        : base(files is { Count: > 0 } ? $"{message} Files: {string.Join(", ", files)}" : message, inner)
    {
        Files = files ?? [];
    }

    /// <summary>The lake files at fault, if any.</summary>
    public IReadOnlyList<string> Files { get; }
}
