namespace Visco.Mqtt.Client;

/// <summary>
/// Counts QoS 1/2 publications awaiting acknowledgement and holds back new ones beyond the server's Receive Maximum
/// [MQTT-3.3.4-7]. The limit changes with each CONNACK, while the count survives a resumed session.
/// </summary>
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
        lock (_lock)
        {
            _limit = limit;
            GrantWaiters();
        }
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

            waiter = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            node = _waiters.AddLast(waiter);
        }

        await using var registration = cancellationToken.Register(() =>
        {
            lock (_lock)
            {
                // Only a waiter still queued is cancelled; a granted one already holds its slot.
                if (node.List is not null)
                {
                    _waiters.Remove(node);
                    waiter.TrySetCanceled(cancellationToken);
                }
            }
        }).ConfigureAwait(false);
        await waiter.Task.ConfigureAwait(false);
    }

    public void Release()
    {
        lock (_lock)
        {
            _count = Math.Max(0, _count - 1);
            GrantWaiters();
        }
    }

    public void Reset()
    {
        lock (_lock)
        {
            _count = 0;
            GrantWaiters();
        }
    }

    private void GrantWaiters()
    {
        while (_count < _limit && _waiters.First is { } first)
        {
            _waiters.RemoveFirst();
            _count++;
            first.Value.TrySetResult();
        }
    }
}
