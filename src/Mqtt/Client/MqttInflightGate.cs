namespace Visco.Mqtt.Client;

/// <summary>
/// Counts QoS 1/2 publications awaiting acknowledgement and holds back new ones beyond the server's Receive Maximum
/// [MQTT-3.3.4-7]. The limit changes with each CONNACK, while the count survives a resumed session.
/// </summary>
/// <remarks>
/// Waiters are granted strictly first-in first-out and resumed inline, in grant order, by the thread that frees the
/// slot (outside the lock): the caller then assigns its packet identifier and queues its PUBLISH before the next waiter
/// runs, so publications leave in the order they were requested even when the window is full.
/// </remarks>
internal sealed class MqttInflightGate
{
    private readonly Lock _lock = new();
    private readonly LinkedList<TaskCompletionSource> _waiters = new();
    private int _count;
    private int _limit = ushort.MaxValue;

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _count;
            }
        }
    }

    public void SetLimit(int limit)
    {
        List<TaskCompletionSource>? granted;
        lock (_lock)
        {
            _limit = limit;
            granted = GrantWaiters();
        }

        Resume(granted);
    }

    public async ValueTask WaitAsync(CancellationToken cancellationToken)
    {
        TaskCompletionSource waiter;
        LinkedListNode<TaskCompletionSource> node;
        lock (_lock)
        {
            if (_count < _limit && _waiters.Count == 0)
            {
                _count++;
                return;
            }

            // Continuations run synchronously on purpose: see the remarks on ordering.
            waiter = new TaskCompletionSource();
            node = _waiters.AddLast(waiter);
        }

        await using var registration = cancellationToken.Register(() =>
        {
            bool removed;
            lock (_lock)
            {
                // Only a waiter still queued is cancelled; a granted one already holds its slot.
                removed = node.List is not null;
                if (removed)
                {
                    _waiters.Remove(node);
                }
            }

            if (removed)
            {
                waiter.TrySetCanceled(cancellationToken);
            }
        }).ConfigureAwait(false);
        await waiter.Task.ConfigureAwait(false);
    }

    public void Release()
    {
        List<TaskCompletionSource>? granted;
        lock (_lock)
        {
            _count = Math.Max(0, _count - 1);
            granted = GrantWaiters();
        }

        Resume(granted);
    }

    public void Reset()
    {
        List<TaskCompletionSource>? granted;
        lock (_lock)
        {
            _count = 0;
            granted = GrantWaiters();
        }

        Resume(granted);
    }

    private static void Resume(List<TaskCompletionSource>? granted)
    {
        if (granted is null)
        {
            return;
        }

        foreach (var waiter in granted)
        {
            waiter.TrySetResult();
        }
    }

    private List<TaskCompletionSource>? GrantWaiters()
    {
        List<TaskCompletionSource>? granted = null;
        while (_count < _limit && _waiters.First is { } first)
        {
            _waiters.RemoveFirst();
            _count++;
            (granted ??= []).Add(first.Value);
        }

        return granted;
    }
}
