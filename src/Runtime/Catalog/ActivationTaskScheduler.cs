namespace Visco.Runtime.Catalog;

/// <summary>
/// Runs one activation's tasks one at a time, in order, on the thread pool. Grain code awaits without
/// ConfigureAwait(false), so every continuation comes back here: this is what makes an activation single-threaded
/// even when calls interleave at awaits, and why grain code needs no locks.
/// </summary>
internal sealed class ActivationTaskScheduler(ActivationData? activation = null) : TaskScheduler, IThreadPoolWorkItem
{
    // How many tasks one pool work item runs before yielding the thread, so a busy grain cannot starve the others.
    private const int Quantum = 32;

    [ThreadStatic]
    private static ActivationTaskScheduler? _current;

    private readonly Lock _lock = new();
    private Queue<Task>? _queue;
    private bool _scheduled;

    /// <summary>The activation whose code this scheduler runs.</summary>
    public ActivationData? Activation { get; } = activation;

    /// <inheritdoc />
    public override int MaximumConcurrencyLevel => 1;

    /// <inheritdoc />
    void IThreadPoolWorkItem.Execute()
    {
        _current = this;
        try
        {
            for (var i = 0; i < Quantum; i++)
            {
                Task? task;
                lock (_lock)
                {
                    if (_queue is null || !_queue.TryDequeue(out task))
                    {
                        _scheduled = false;
                        return;
                    }
                }

                TryExecuteTask(task);
            }
        }
        finally
        {
            _current = null;
        }

        lock (_lock)
        {
            if (_queue is null || _queue.Count == 0)
            {
                _scheduled = false;
                return;
            }
        }

        ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
    }

    /// <inheritdoc />
    protected override void QueueTask(Task task)
    {
        lock (_lock)
        {
            (_queue ??= new Queue<Task>(2)).Enqueue(task);
            if (_scheduled)
            {
                return;
            }

            _scheduled = true;
        }

        ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
    }

    /// <inheritdoc />
    protected override bool TryExecuteTaskInline(Task task, bool taskWasPreviouslyQueued) =>
        // Inline only on this scheduler's own thread, where running it now is still "one at a time".
        !taskWasPreviouslyQueued && _current == this && TryExecuteTask(task);

    /// <inheritdoc />
    protected override IEnumerable<Task> GetScheduledTasks()
    {
        lock (_lock)
        {
            return _queue?.ToArray() ?? [];
        }
    }
}
