namespace Visco.Runtime.Storage.Batching;

/// <summary>A queued write whose caller awaits a <typeparamref name="TResult"/>.</summary>
internal abstract class WriteOp<TResult>(string operation, CancellationToken cancellationToken)
    : WriteOp(operation, cancellationToken)
{
    // Continuations run asynchronously so a caller's code never runs on (and stalls) the writer loop.
    private readonly TaskCompletionSource<TResult> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes once the op's batch committed (or the op failed).</summary>
    public Task<TResult> Task => _completion.Task;

    /// <summary>The result decided during the batch, published after commit.</summary>
    public TResult Result { get; set; } = default!;

    public override void Fail(Exception error) => _completion.TrySetException(error);

    public override void Cancel() => _completion.TrySetCanceled(CancellationToken);

    protected override void PublishResult() => _completion.TrySetResult(Result);
}
