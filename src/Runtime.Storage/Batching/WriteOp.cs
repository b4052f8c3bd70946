namespace Visco.Runtime.Storage.Batching;

/// <summary>
/// One queued write. Its outcome (a result or an ETag conflict) is decided while its batch runs but published only
/// after the batch commits, so nobody is told "written" before it is durable.
/// </summary>
internal abstract class WriteOp(string operation, CancellationToken cancellationToken)
{
    private Exception? _conflict;

    /// <summary>What is done ("write", "append"), for error messages.</summary>
    public string Operation { get; } = operation;

    /// <summary>
    /// What it is done to ("'profile' of grain device/7", "stream m/h1"), for error messages; formatted only when an
    /// error needs it, not for every write.
    /// </summary>
    public abstract string Target { get; }

    /// <summary>The caller's token: honoured while the op waits in the queue, ignored once its batch has started.</summary>
    public CancellationToken CancellationToken { get; } = cancellationToken;

    /// <summary>Records that this op lost an ETag check; the rest of the batch still commits.</summary>
    public void SetConflict(Exception conflict) => _conflict = conflict;

    /// <summary>Forgets an outcome decided in a batch that was rolled back.</summary>
    public void ResetOutcome() => _conflict = null;

    /// <summary>Publishes the outcome decided in a committed batch.</summary>
    public void Publish()
    {
        if (_conflict is null)
        {
            PublishResult();
        }
        else
        {
            Fail(_conflict);
        }
    }

    /// <summary>Fails the op (no-op if it already completed).</summary>
    public abstract void Fail(Exception error);

    /// <summary>Completes the op as cancelled (no-op if it already completed).</summary>
    public abstract void Cancel();

    protected abstract void PublishResult();
}
