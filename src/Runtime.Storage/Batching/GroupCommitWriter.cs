using System.Diagnostics;
using System.Threading.Channels;

namespace Visco.Runtime.Storage.Batching;

/// <summary>
/// A writer loop with group commit: callers enqueue writes into a bounded channel; one loop takes everything queued (up
/// to the maximum batch), runs it as one transaction through its <see cref="IBatchExecutor"/>, and only then
/// completes each write's task. One fsync (or one round trip) is shared by the whole batch, which is what makes
/// thousands of durable writes per second possible. The loop is the executor's only user, so the executor needs no
/// locking; it owns and finally disposes the executor.
/// </summary>
/// <remarks>
/// With a synchronous executor (SQLite) the loop runs on a thread of its own, woken directly by the enqueuing caller:
/// as an async loop on the thread pool, every wake-up would queue behind the continuations of the batch it just
/// completed (hundreds of grain turns), which under load added tens of milliseconds to the tail latency of writes.
/// </remarks>
internal sealed class GroupCommitWriter : IAsyncDisposable
{
    /// <summary>Below this many queued writes a wake-up lingers; at or above it the queue is busy enough to commit at once.</summary>
    public const int LingerBelowWrites = 32;

    private readonly string _provider;
    private readonly IBatchExecutor _executor;
    private readonly int _maxBatch;
    private readonly Channel<WriteOp> _queue;
    private readonly CommitGate _gate = new();
    // Never disposed: Abort may still cancel it after DisposeAsync, and it owns no timer or handle.
    private readonly CancellationTokenSource _abort = new();
    private readonly Task _loop;
    private readonly ManualResetEventSlim? _wake;
    private readonly TimeSpan _linger;
    private long _batches;
    private long _operations;
    private long _busyTicks;

    /// <param name="provider">The provider's name, for errors.</param>
    /// <param name="executor">Runs a batch in one transaction.</param>
    /// <param name="maxBatch">The most writes in one transaction.</param>
    /// <param name="queueCapacity">The most writes queued; callers past it wait.</param>
    /// <param name="dedicatedThread">Run the loop on its own thread; only for an executor that completes synchronously.</param>
    /// <param name="linger">
    /// On the dedicated thread: how long a wake-up that finds fewer than <see cref="LingerBelowWrites"/> writes queued
    /// waits for more before committing (zero: commit at once).
    /// </param>
    public GroupCommitWriter(
        string provider, IBatchExecutor executor, int maxBatch, int queueCapacity, bool dedicatedThread = false, TimeSpan linger = default)
    {
        _linger = linger;
        _provider = provider;
        _executor = executor;
        _maxBatch = maxBatch;
        _queue = Channel.CreateBounded<WriteOp>(new BoundedChannelOptions(queueCapacity)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        if (dedicatedThread)
        {
            // No spin before sleeping: at 2,000 writes/s a writer thread spent ~30 % of its CPU in the default spin's sched_yield.
            _wake = new ManualResetEventSlim(false, spinCount: 0);
            _loop = Task.Factory.StartNew(RunOnThread, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        }
        else
        {
            _loop = Task.Run(RunAsync);
        }
    }

    public GroupCommitStatistics Statistics =>
        new(Interlocked.Read(ref _batches), Interlocked.Read(ref _operations), Stopwatch.GetElapsedTime(0, Interlocked.Read(ref _busyTicks)));

    /// <summary>Queues <paramref name="op"/>; the task completes once its batch committed.</summary>
    public Task<TResult> EnqueueAsync<TResult>(WriteOp<TResult> op)
    {
        if (op.CancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled<TResult>(op.CancellationToken);
        }

        if (_queue.Writer.TryWrite(op))
        {
            _wake?.Set();
            return op.Task;
        }

        return EnqueueSlowAsync(op);
    }

    /// <summary>Crash: fails everything queued or in a batch that has not started committing; the loop then stops.</summary>
    public void Abort()
    {
        var inFlight = _gate.Abort();
        _queue.Writer.TryComplete();
        _wake?.Set();
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
        _wake?.Set();
        await _loop.ConfigureAwait(false);
    }

    private async Task<TResult> EnqueueSlowAsync<TResult>(WriteOp<TResult> op)
    {
        try
        {
            await _queue.Writer.WriteAsync(op, op.CancellationToken).ConfigureAwait(false);
            _wake?.Set();
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
                if (Fill(reader, batch) && batch.Count > 0)
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

    /// <summary>
    /// The loop on its own thread: reset the signal, then drain the queue, so a write queued after the last read sets
    /// the signal again and is never left waiting.
    /// </summary>
    private void RunOnThread()
    {
        var batch = new List<WriteOp>(_maxBatch);
        var reader = _queue.Reader;
        try
        {
            while (true)
            {
                _wake!.Wait();
                if (_linger > TimeSpan.Zero && reader.Count < LingerBelowWrites && !reader.Completion.IsCompleted)
                {
                    Thread.Sleep(_linger);
                }

                _wake.Reset();
                while (Fill(reader, batch))
                {
                    if (batch.Count == 0)
                    {
                        continue; // only cancelled writes were taken
                    }

                    var run = RunBatchAsync(batch);
                    if (!run.IsCompleted)
                    {
                        // Not expected for a synchronous executor, but correct either way.
                        run.GetAwaiter().GetResult();
                    }
                }

                if (reader.Completion.IsCompleted)
                {
                    return;
                }
            }
        }
        finally
        {
            _executor.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }

    /// <summary>Takes what is queued (up to the maximum batch) into <paramref name="batch"/>; false when nothing was.</summary>
    private bool Fill(ChannelReader<WriteOp> reader, List<WriteOp> batch)
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

        return batch.Count > 0 || reader.TryPeek(out _);
    }

    private async Task RunBatchAsync(List<WriteOp> batch)
    {
        if (!_gate.TryStart(batch))
        {
            FailAborted(batch);
            return;
        }

        var started = Stopwatch.GetTimestamp();
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
            Interlocked.Add(ref _busyTicks, Stopwatch.GetTimestamp() - started);
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
