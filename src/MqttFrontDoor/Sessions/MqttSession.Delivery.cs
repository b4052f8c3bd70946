using Visco.Mqtt.Packets;

namespace Visco.MqttFrontDoor.Sessions;

/// <summary>Outbound flow: queueing, Receive Maximum, acknowledgements, resend on reattach.</summary>
internal sealed partial class MqttSession
{
    /// <summary>
    /// Delivers a message at the given QoS. The task completes when a persistent session has stored it (so a
    /// publisher's PUBACK may follow); QoS 0 is sent now or dropped.
    /// </summary>
    public Task Deliver(BrokerMessage message, int qos, bool retain, IReadOnlyList<uint> subscriptionIds)
    {
        lock (_gate)
        {
            var now = _owner.Time.GetUtcNow();
            if (qos == 0)
            {
                if (_sink is not null && message.ToPublish(0, retain, 0, false, subscriptionIds as IList<uint> ?? [.. subscriptionIds], now) is { } publish)
                {
                    _sink.TrySendPublish(publish);
                }

                return Task.CompletedTask;
            }

            if (_pending.Count + _inflight.Count >= _owner.Options.MaxQueuedMessages)
            {
                Metrics.Rejected("session_queue_full");
                return Task.CompletedTask;
            }

            var stored = new StoredMessage(_nextSequence++, message, qos, retain, subscriptionIds);
            if (_sink is not null && _pending.Count == 0 && _inflight.Count < _sink.SendQuota)
            {
                stored = stored with { PacketId = NextPacketId() };
                _inflight[stored.PacketId] = stored;
                Metrics.InflightChanged(1);
                if (DefersWrite(qos))
                {
                    SendLocked(stored, dup: false);
                    return _inflight.TryGetValue(stored.PacketId, out var sent) && sent.Sequence == stored.Sequence
                        ? DeferWriteLocked(stored)
                        : Task.CompletedTask;
                }

                var written = Store?.Enqueue(g => g.PutMessage(stored)) ?? Task.CompletedTask;
                SendLocked(stored, dup: false);
                return written;
            }

            _pending.Enqueue(stored);
            Metrics.QueuedChanged(1);
            return Store?.Enqueue(g => g.PutMessage(stored)) ?? Task.CompletedTask;
        }
    }

    /// <summary>Attaches a connection: resends what was inflight (DUP, same ids, PUBREL for released), then the queue.</summary>
    public void Attach(IMqttSessionSink sink)
    {
        lock (_gate)
        {
            _sink = sink;
            foreach (var message in _inflight.Values.OrderBy(m => m.Sequence).ToList())
            {
                if (message.Released)
                {
                    sink.SendControl(new MqttPubRelPacket { PacketId = message.PacketId });
                }
                else
                {
                    SendLocked(message, dup: true);
                }
            }

            PumpLocked();
        }
    }

    /// <summary>Detaches a connection; false when another connection has the session now.</summary>
    public bool Detach(IMqttSessionSink sink)
    {
        lock (_gate)
        {
            if (!ReferenceEquals(_sink, sink))
            {
                return false;
            }

            _sink = null;
            WriteAllDeferredLocked();
            return true;
        }
    }

    /// <summary>Unbinds the current connection (a new one takes the session over) and returns it, to be closed.</summary>
    public IMqttSessionSink? Release()
    {
        lock (_gate)
        {
            var previous = _sink;
            _sink = null;
            WriteAllDeferredLocked();
            return previous;
        }
    }

    public bool OnPubAck(ushort packetId) => Complete(packetId, 1);

    public bool OnPubComp(ushort packetId) => Complete(packetId, 2);

    /// <summary>PUBREC: the client has the message; answer PUBREL (or complete it when the client refused it).</summary>
    public bool OnPubRec(ushort packetId, bool refused)
    {
        lock (_gate)
        {
            if (!_inflight.TryGetValue(packetId, out var message) || message.QualityOfService != 2)
            {
                return false;
            }

            if (refused)
            {
                RemoveInflightLocked(message);
                PumpLocked();
                return true;
            }

            var released = message with { Released = true };
            _inflight[packetId] = released;
            Store?.Enqueue(g => g.PutMessage(released));
            _sink?.SendControl(new MqttPubRelPacket { PacketId = packetId });
            return true;
        }
    }

    /// <summary>Forgets every message (the session ends).</summary>
    public void Discard()
    {
        lock (_gate)
        {
            Metrics.InflightChanged(-_inflight.Count);
            Metrics.QueuedChanged(-_pending.Count);
            ForgetAllDeferredLocked();
            _inflight.Clear();
            _pending.Clear();
            _sink = null;
        }
    }

    private bool Complete(ushort packetId, int qos)
    {
        lock (_gate)
        {
            if (!_inflight.TryGetValue(packetId, out var message) || message.QualityOfService != qos)
            {
                return false;
            }

            RemoveInflightLocked(message);
            PumpLocked();
            return true;
        }
    }

    private void RemoveInflightLocked(StoredMessage message)
    {
        _inflight.Remove(message.PacketId);
        Metrics.InflightChanged(-1);
        if (!TryForgetUnwrittenLocked(message))
        {
            Store?.Enqueue(g => g.RemoveMessage(message.Sequence));
        }
    }

    private void PumpLocked()
    {
        while (_sink is not null && _pending.Count > 0 && _inflight.Count < _sink.SendQuota)
        {
            var message = _pending.Dequeue() with { PacketId = NextPacketId() };
            Metrics.QueuedChanged(-1);
            _inflight[message.PacketId] = message;
            Metrics.InflightChanged(1);
            Store?.Enqueue(g => g.PutMessage(message));
            SendLocked(message, dup: false);
        }
    }

    private void SendLocked(StoredMessage message, bool dup)
    {
        var publish = message.Message.ToPublish(
            message.QualityOfService, message.Retain, message.PacketId, dup, message.SubscriptionIdentifiers as IList<uint> ?? [.. message.SubscriptionIdentifiers], _owner.Time.GetUtcNow());
        if (publish is null)
        {
            // Expired while queued: dropped as MQTT 5 requires [MQTT-3.3.2-5].
            RemoveInflightLocked(message);
            return;
        }

        if (_sink!.TrySendPublish(publish) == MqttSendResult.TooLarge)
        {
            RemoveInflightLocked(message);
        }
    }

    private ushort NextPacketId()
    {
        do
        {
            _lastPacketId = _lastPacketId == ushort.MaxValue ? (ushort)1 : (ushort)(_lastPacketId + 1);
        }
        while (_inflight.ContainsKey(_lastPacketId));

        return _lastPacketId;
    }
}
