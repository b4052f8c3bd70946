using System.Collections.Concurrent;
using System.Data.Common;

namespace Visco.DomainStore.Sql;

/// <summary>
/// The dedicated writer thread of a <see cref="BlockingDriver"/>: callers queue their batches and wake it; it commits
/// everything queued as one group and sleeps again. Its wake-up does not spin: at 2,000 measurements/s the default
/// spin of a blocking queue (<c>sched_yield</c> in a loop) was ~30 % of this thread's CPU, paid on every wake-up.
/// </summary>
public abstract partial class SqlResultStore
{
    private readonly ConcurrentQueue<PendingWrite> _threadQueue = new();
    private readonly ManualResetEventSlim _threadWake = new(false, spinCount: 0);
    private readonly Lock _threadLock = new();
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
