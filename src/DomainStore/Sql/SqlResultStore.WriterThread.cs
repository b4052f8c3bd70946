using System.Collections.Concurrent;
using System.Data.Common;

namespace Visco.DomainStore.Sql;

/// <summary>
/// The dedicated writer thread of a <see cref="BlockingDriver"/>: callers queue their batches and wake it; it commits
/// everything queued as one group and sleeps again. Its wake-up does not spin: at 2,000 measurements/s the default
/// spin of a blocking queue (<c>sched_yield</c> in a loop) was ~30 % of this thread's CPU, paid on every wake-up.
/// A wake-up that finds only a few rows waits <see cref="GroupLinger"/> for more before committing: nothing upstream
/// waits on these rows but the stream checkpoint (the device had its result when the event was appended), and at
/// 2,000 measurements/s committing one or two rows at a time (four WAL pages and an fsync each) was 0.25 cores of
/// this thread; lingering 5 ms made it 0.13. Under heavy load the queue is never short and no commit waits.
/// </summary>
public abstract partial class SqlResultStore
{
    private const int LingerBelowRows = 64;
    private static readonly TimeSpan GroupLinger = TimeSpan.FromMilliseconds(5);

    private readonly ConcurrentQueue<PendingWrite> _threadQueue = new();
    private readonly ManualResetEventSlim _threadWake = new(false, spinCount: 0);
    private readonly Lock _threadLock = new();
    private int _threadQueuedRows;
    private Thread? _writerThread;
    private volatile bool _threadStopping;

    // Touched by the writer thread only (and by DisposeAsync once the thread has ended).
    private DbConnection? _keptWriter;

    private void EnqueueOnWriterThread(PendingWrite pending)
    {
        lock (_threadLock)
        {
            // Checked under the lock StopWriterThread takes: a batch queued here is always drained before the thread ends.
            ObjectDisposedException.ThrowIf(_threadStopping, this);
            if (_writerThread is null)
            {
                _writerThread = new Thread(RunWriterThread) { IsBackground = true, Name = "visco-results-writer" };
                _writerThread.Start();
            }

            _threadQueue.Enqueue(pending);
            Interlocked.Add(ref _threadQueuedRows, pending.Events.Count);
        }

        _threadWake.Set();
    }

    private void StopWriterThread()
    {
        Thread? thread;
        lock (_threadLock)
        {
            if (_threadStopping)
            {
                return; // disposed already
            }

            _threadStopping = true;
            thread = _writerThread;
        }

        _threadWake.Set();
        thread?.Join();
        _threadWake.Dispose();
    }

    private void RunWriterThread()
    {
        var group = new List<PendingWrite>();
        while (true)
        {
            // Reset before draining, so a batch queued after the last take sets the signal again and is never left waiting.
            _threadWake.Wait();
            if (Volatile.Read(ref _threadQueuedRows) < LingerBelowRows && !_threadStopping)
            {
                Thread.Sleep(GroupLinger);
            }

            _threadWake.Reset();
            var stopping = _threadStopping;
            while (TakeQueued(group))
            {
                // The driver completes synchronously, so this blocks this thread only; failures land in the callers' tasks.
                WriteGroupAsync(group, CancellationToken.None).GetAwaiter().GetResult();
            }

            if (stopping)
            {
                return;
            }
        }
    }

    private bool TakeQueued(List<PendingWrite> group)
    {
        group.Clear();
        while (_threadQueue.TryDequeue(out var next))
        {
            group.Add(next);
            Interlocked.Add(ref _threadQueuedRows, -next.Events.Count);
        }

        return group.Count > 0;
    }

    private async Task CloseKeptWriterAsync()
    {
        if (_keptWriter is { } connection)
        {
            _keptWriter = null;
            OnWriterClosing(connection);
            await connection.DisposeAsync().ConfigureAwait(false);
        }
    }
}
