namespace Visco.MqttFrontDoor.Sessions;

/// <summary>
/// Deferred writes of QoS 1 messages sent to a connected client. Such a message is written to the session's grain only
/// when the client has not acknowledged it within <see cref="MqttFrontDoorOptions.UnacknowledgedWriteDelay"/>, or when
/// the connection goes: a client that answers in time (an analyser receiving its result) costs no write and no removal,
/// which were two grain state writes per result. The publisher's acknowledgement still waits — for the client's PUBACK
/// or the write, whichever comes first — so nothing acknowledged upstream exists only in memory: either the client has
/// the message, or the session's grain does.
/// </summary>
internal sealed partial class MqttSession
{
    private readonly Dictionary<long, DeferredWrite> _unwritten = [];

    /// <summary>Whether a message just sent should wait for its PUBACK before being written (persistent session, QoS 1).</summary>
    private bool DefersWrite(int qos) => Store is not null && qos == 1 && _owner.Options.UnacknowledgedWriteDelay > TimeSpan.Zero;

    /// <summary>Registers a sent, unwritten message; the task completes when it is acknowledged or written.</summary>
    private Task DeferWriteLocked(StoredMessage message)
    {
        var deferred = new DeferredWrite(this, message.Sequence, message.PacketId);
        _unwritten[message.Sequence] = deferred;
        deferred.Timer = _owner.Time.CreateTimer(static state => ((DeferredWrite)state!).Expired(), deferred, _owner.Options.UnacknowledgedWriteDelay, Timeout.InfiniteTimeSpan);
        return deferred.Completion.Task;
    }

    /// <summary>The client acknowledged a message: when it was never written, there is nothing to write nor remove.</summary>
    private bool TryForgetUnwrittenLocked(StoredMessage message)
    {
        if (!_unwritten.Remove(message.Sequence, out var deferred))
        {
            return false;
        }

        deferred.Timer?.Dispose();
        deferred.Completion.TrySetResult();
        return true;
    }

    /// <summary>Writes every deferred message now: the connection is closing, so no PUBACK will come.</summary>
    public void WriteDeferredNow()
    {
        lock (_gate)
        {
            WriteAllDeferredLocked();
        }
    }

    /// <summary>Writes every deferred message now (the connection goes, so no PUBACK will come).</summary>
    private void WriteAllDeferredLocked()
    {
        foreach (var sequence in _unwritten.Keys.ToList())
        {
            WriteDeferredLocked(sequence);
        }
    }

    /// <summary>Completes every deferred message without writing it (the session ends).</summary>
    private void ForgetAllDeferredLocked()
    {
        foreach (var deferred in _unwritten.Values)
        {
            deferred.Timer?.Dispose();
            deferred.Completion.TrySetResult();
        }

        _unwritten.Clear();
    }

    private void WriteDeferredLocked(long sequence)
    {
        if (!_unwritten.Remove(sequence, out var deferred))
        {
            return;
        }

        deferred.Timer?.Dispose();
        if (!_inflight.TryGetValue(deferred.PacketId, out var message) || message.Sequence != sequence)
        {
            deferred.Completion.TrySetResult();
            return;
        }

        _ = deferred.CompleteAfter(Store!.Enqueue(g => g.PutMessage(message)));
    }

    private sealed class DeferredWrite(MqttSession session, long sequence, ushort packetId)
    {
        public TaskCompletionSource Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public ushort PacketId { get; } = packetId;

        public ITimer? Timer { get; set; }

        public void Expired()
        {
            lock (session._gate)
            {
                session.WriteDeferredLocked(sequence);
            }
        }

        public async Task CompleteAfter(Task written)
        {
            try
            {
                await written.ConfigureAwait(false);
                Completion.TrySetResult();
            }
            catch (Exception exception)
            {
                Completion.TrySetException(exception);
            }
        }
    }
}
