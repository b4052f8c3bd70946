namespace Visco.Runtime.Storage.Batching;

/// <summary>What a store's group-commit writer loops have committed so far (for benchmarks and the dashboard).</summary>
/// <param name="Batches">Transactions committed.</param>
/// <param name="Operations">Writes acknowledged in them (conflicts included).</param>
/// <param name="Busy">Time spent running batches (statements and commit), summed over loops: busy / elapsed is how
/// saturated a loop is, busy / batches the mean time a write waits for its own batch once it started.</param>
public sealed record GroupCommitStatistics(long Batches, long Operations, TimeSpan Busy)
{
    /// <summary>Writes per transaction on average; 0 before the first batch.</summary>
    public double AverageBatchSize => Batches == 0 ? 0 : (double)Operations / Batches;

    /// <summary>The sum of two loops' figures.</summary>
    public static GroupCommitStatistics operator +(GroupCommitStatistics left, GroupCommitStatistics right)
    {
        ArgumentNullException.ThrowIfNull(left);
        ArgumentNullException.ThrowIfNull(right);
        return new GroupCommitStatistics(left.Batches + right.Batches, left.Operations + right.Operations, left.Busy + right.Busy);
    }

    /// <summary>The sum of two loops' figures.</summary>
    public static GroupCommitStatistics Add(GroupCommitStatistics left, GroupCommitStatistics right) => left + right;
}
