namespace Visco.Runtime.Storage.Batching;

/// <summary>
/// Decides, race-free, whether an in-flight batch commits or dies with an abort. A batch that entered its commit
/// before the abort is left to finish (its outcome is whatever the database says, and is reported truthfully); a batch
/// that had not is failed by the abort at once and rolled back by its loop later, so it can never commit after the
/// caller was told it failed.
/// </summary>
internal sealed class CommitGate
{
    private readonly Lock _lock = new();
    private IReadOnlyList<WriteOp>? _inFlight;
    private bool _committing;
    private bool _aborted;

    /// <summary>True once <see cref="Abort"/> ran.</summary>
    public bool IsAborted
    {
        get
        {
            lock (_lock)
            {
                return _aborted;
            }
        }
    }

    /// <summary>Registers the batch now running; false if the store is already aborted.</summary>
    public bool TryStart(IReadOnlyList<WriteOp> batch)
    {
        lock (_lock)
        {
            _inFlight = _aborted ? null : batch;
            return !_aborted;
        }
    }

    /// <summary>Called right before COMMIT: false means roll back, the batch's ops were already failed.</summary>
    public bool TryEnterCommit()
    {
        lock (_lock)
        {
            _committing = !_aborted;
            return _committing;
        }
    }

    /// <summary>Called when the batch's transaction has ended either way.</summary>
    public void Finish()
    {
        lock (_lock)
        {
            _committing = false;
            _inFlight = null;
        }
    }

    /// <summary>
    /// Marks the store aborted; returns a copy of the in-flight batch if it had not entered its commit (its ops must be
    /// failed). A copy, taken under the lock: the loop reuses its list for the next batch once it calls <see cref="Finish"/>.
    /// </summary>
    public IReadOnlyList<WriteOp>? Abort()
    {
        lock (_lock)
        {
            _aborted = true;
            return _committing || _inFlight is null ? null : [.. _inFlight];
        }
    }
}
