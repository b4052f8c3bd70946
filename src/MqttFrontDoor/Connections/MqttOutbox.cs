using Visco.Mqtt.Packets;

namespace Visco.MqttFrontDoor.Connections;

/// <summary>
/// The packets waiting for one connection's socket: control packets (acks, pings, DISCONNECT) always leave before
/// data, so an acknowledgement is never stuck behind a backlog of publishes. Both queues are bounded; a full queue
/// means the client does not read, and the connection is closed rather than buffering without limit.
/// </summary>
internal sealed class MqttOutbox(int dataCapacity, int controlCapacity)
{
    private readonly object _gate = new();
    private readonly Queue<MqttPacket> _control = new();
    private readonly Queue<MqttPacket> _data = new();
    private TaskCompletionSource<bool>? _waiter;
    private bool _completed;

    public bool TryEnqueueControl(MqttPacket packet) => Enqueue(_control, controlCapacity, packet);

    public bool TryEnqueueData(MqttPacket packet) => Enqueue(_data, dataCapacity, packet);

    /// <summary>Stops taking packets; what is queued still drains, then the reader sees the end.</summary>
    public void Complete()
    {
        TaskCompletionSource<bool>? waiter;
        lock (_gate)
        {
            _completed = true;
            waiter = _waiter;
            _waiter = null;
        }

        waiter?.TrySetResult(false);
    }

    /// <summary>Drops queued data (a close): only control packets, e.g. the final DISCONNECT, still go out.</summary>
    public void DropData()
    {
        lock (_gate)
        {
            _data.Clear();
        }
    }

    /// <summary>The next packet, control first.</summary>
    public bool TryDequeue(out MqttPacket packet)
    {
        lock (_gate)
        {
            return _control.TryDequeue(out packet!) || _data.TryDequeue(out packet!);
        }
    }

    /// <summary>Waits until there is a packet (true) or the outbox is complete and empty (false).</summary>
    public ValueTask<bool> WaitAsync()
    {
        lock (_gate)
        {
            if (_control.Count > 0 || _data.Count > 0)
            {
                return ValueTask.FromResult(true);
            }

            if (_completed)
            {
                return ValueTask.FromResult(false);
            }

            _waiter ??= new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            return new ValueTask<bool>(_waiter.Task);
        }
    }

    private bool Enqueue(Queue<MqttPacket> queue, int capacity, MqttPacket packet)
    {
        TaskCompletionSource<bool>? waiter;
        lock (_gate)
        {
            if (_completed || queue.Count >= capacity)
            {
                return false;
            }

            queue.Enqueue(packet);
            waiter = _waiter;
            _waiter = null;
        }

        waiter?.TrySetResult(true);
        return true;
    }
}
