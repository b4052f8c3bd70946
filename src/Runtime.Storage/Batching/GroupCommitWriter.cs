using System.Threading.Channels;

namespace Visco.Runtime.Storage.Batching;

/// <summary>
/// A writer loop with group commit: callers enqueue writes into a bounded channel; one loop takes everything queued (up
/// to the maximum batch), runs it as one transaction through its <see cref="IBatchExecutor"/>, and only then
/// completes each write's task. One fsync (or one round trip) is shared by the whole batch, which is what makes
/// thousands of durable writes per second possible. The loop is the executor's only user, so the executor needs no
/// locking; it owns and finally disposes the executor.
/// </summary>
internal sealed class GroupCommitWriter : IAsyncDisposable
{
    private readonly string _provider;
    private readonly IBatchExecutor _executor;
    private readonly int _maxBatch;
    private readonly Channel<WriteOp> _queue;
    private readonly CommitGate _gate = new();
    // Never disposed: Abort may still cancel it after DisposeAsync, and it owns no timer or handle.
    private readonly CancellationTokenSource _abort = new();
    private readonly Task _loop;
    private long _batches;
    private long _operations;

    public GroupCommitWriter(string provider, IBatchExecutor executor, int maxBatch, int queueCapacity)
    {
        _provider = provider;
        _executor = executor;
        _maxBatch = maxBatch;
        _queue = Channel.CreateBounded<WriteOp>(new BoundedChannelOptions(queueCapacity)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        _loop = Task.Run(RunAsync);
    }

    public GroupCommitStatistics Statistics => new(Interlocked.Read(ref _batches), Interlocked.Read(ref _operations));

    /// <summary>Queues <paramref name="op"/>; the task completes once its batch committed.</summary>
    public Task<TResult> EnqueueAsync<TResult>(WriteOp<TResult> op)
    {
        if (op.CancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled<TResult>(op.CancellationToken);
        }

        return _queue.Writer.TryWrite(op) ? op.Task : EnqueueSlowAsync(op);
    }

    /// <summary>Crash: fails everything queued or in a batch that has not started committing; the loop then stops.</summary>
    public void Abort()
    {
        var inFlight = _gate.Abort();
        _queue.Writer.TryComplete();
        _abort.Cancel();
        if (inFlight is not null)
        {
            FailAborted(inFlight);
        }

        while (_queue.Reader.TryRead(out var op))
        {
            op.Fail(StorageErrors.Aborted(_provider, op.Operation, op.Target));
        }
    }

    /// <summary>Graceful stop: commits everything already queued, then closes the connection.</summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _loop.ConfigureAwait(false);
    }

    private async Task<TResult> EnqueueSlowAsync<TResult>(WriteOp<TResult> op)
    {
        try
        {
            await _queue.Writer.WriteAsync(op, op.CancellationToken).ConfigureAwait(false);
        }
        catch (ChannelClosedException)
        {
            if (_gate.IsAborted)
            {
                throw StorageErrors.Aborted(_provider, op.Operation, op.Target);
            }

            throw new ObjectDisposedException(_provider, $"{_provider}: {op.Operation} of {op.Target} after the store was disposed.");
        }

        return await op.Task.ConfigureAwait(false);
    }

    private async Task RunAsync()
    {
        var batch = new List<WriteOp>(_maxBatch);
        var reader = _queue.Reader;
        try
        {
            while (await reader.WaitToReadAsync().ConfigureAwait(false))
            {
                batch.Clear();
                while (batch.Count < _maxBatch && reader.TryRead(out var op))
                {
                    if (op.CancellationToken.IsCancellationRequested)
                    {
                        op.Cancel();
                        continue;
                    }

                    batch.Add(op);
                }

                if (batch.Count > 0)
                {
                    await RunBatchAsync(batch).ConfigureAwait(false);
                }
            }
        }
        finally
        {
            await _executor.DisposeAsync().ConfigureAwait(false);
        }
    }

    private async Task RunBatchAsync(List<WriteOp> batch)
    {
        if (!_gate.TryStart(batch))
        {
            FailAborted(batch);
            return;
        }

        try
        {
            if (await _executor.ExecuteAsync(batch, _gate, _abort.Token).ConfigureAwait(false))
            {
                foreach (var op in batch)
                {
                    op.Publish();
                }

                Interlocked.Increment(ref _batches);
                Interlocked.Add(ref _operations, batch.Count);
            }
            else
            {
                FailAborted(batch);
            }
        }
#pragma warning disable CA1031 // Any failure of the batch must reach its callers as StorageUnavailableException; the loop goes on.
        catch (Exception error)
#pragma warning restore CA1031
        {
            var aborted = _gate.IsAborted;
            foreach (var op in batch)
            {
                op.ResetOutcome();
                op.Fail(aborted ? StorageErrors.Aborted(_provider, op.Operation, op.Target) : _executor.Unavailable(op, error));
            }
        }
        finally
        {
            _gate.Finish();
        }
    }

    private void FailAborted(IReadOnlyList<WriteOp> ops)
    {
        foreach (var op in ops)
        {
            op.Fail(StorageErrors.Aborted(_provider, op.Operation, op.Target));
        }
    }
}
