namespace Visco.Grains.Archive;

/// <summary>Settings of the training-lake archive (section "Visco:Archive").</summary>
public sealed class ArchiveOptions
{
    /// <summary>A batch is written when it holds this many measurements.</summary>
    public int MaxBatchRows { get; set; } = 2000;

    /// <summary>A batch is written when its oldest measurement has waited this long (the archive's lag bound).</summary>
    public TimeSpan MaxBatchAge { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Recent (device, sample) pairs per hospital remembered to drop a sample published twice.</summary>
    public int DedupWindow { get; set; } = 4096;

    /// <summary>Attempts of one lake write inside a delivery before the delivery fails (the stream then retries it).</summary>
    public int WriteAttempts { get; set; } = 5;

    /// <summary>Wait before the second attempt of a failed lake write; doubles per attempt up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Longest wait between attempts of a failed lake write.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Local lake folder when no S3 bucket is configured; null means <c>{Visco:DataDirectory}</c>.</summary>
    public string? LocalRoot { get; set; }

    /// <summary>Throws with a message that says how to fix the first bad setting.</summary>
    public void Validate()
    {
        Require(MaxBatchRows is >= 1 and <= 1_000_000, "Visco:Archive:MaxBatchRows must be between 1 and 1000000, e.g. 2000.");
        Require(MaxBatchAge > TimeSpan.Zero, "Visco:Archive:MaxBatchAge must be positive, e.g. 00:00:02.");
        Require(DedupWindow is >= 1 and <= 1_000_000, "Visco:Archive:DedupWindow must be between 1 and 1000000, e.g. 4096.");
        Require(WriteAttempts is >= 1 and <= 100, "Visco:Archive:WriteAttempts must be between 1 and 100, e.g. 5.");
        Require(RetryDelay >= TimeSpan.Zero && MaxRetryDelay >= RetryDelay,
            "Visco:Archive:RetryDelay must be zero or positive and at most MaxRetryDelay, e.g. 00:00:00.2 and 00:00:05.");
    }

    private static void Require(bool condition, string message)
    {
        if (!condition)
        {
            throw new InvalidOperationException(message);
        }
    }
}
