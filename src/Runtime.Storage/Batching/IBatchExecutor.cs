using Visco.Runtime.Abstractions.State;

namespace Visco.Runtime.Storage.Batching;

/// <summary>Runs one batch of queued writes in one transaction on a provider's writer connection.</summary>
internal interface IBatchExecutor : IAsyncDisposable
{
    /// <summary>
    /// Executes every op of <paramref name="batch"/> in one transaction, recording each op's result or conflict, and
    /// commits only if <see cref="CommitGate.TryEnterCommit"/> allows it. Throws on any database error, after rolling
    /// back and leaving itself ready for the next batch.
    /// </summary>
    /// <returns>False when the gate refused the commit (the store was aborted) and the batch was rolled back.</returns>
    ValueTask<bool> ExecuteAsync(IReadOnlyList<WriteOp> batch, CommitGate gate, CancellationToken cancellationToken);

    /// <summary>The exception an op of a failed batch gets: names the provider, the op and, where known, the fix.</summary>
    StorageUnavailableException Unavailable(WriteOp op, Exception error);
}
