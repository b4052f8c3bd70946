using Visco.Mqtt.Packets;
using Visco.MqttFrontDoor.Diagnostics;

namespace Visco.MqttFrontDoor.Sessions;

/// <summary>
/// The live state of one client's session: subscriptions, queued and inflight outbound QoS 1/2 messages, received
/// QoS 2 ids. Mutated from the connection's read loop and from publishers on other threads, so every change happens
/// under <see cref="_gate"/>; a persistent session mirrors each change to its grain through <see cref="MqttSessionStore"/>
/// (ordered), and callers that must not acknowledge before it is durable await the returned task.
/// </summary>
internal sealed partial class MqttSession
{
    private readonly object _gate = new();
    private readonly Dictionary<string, StoredSubscription> _subscriptions = new(StringComparer.Ordinal);
    private readonly Queue<StoredMessage> _pending = new();
    private readonly Dictionary<ushort, StoredMessage> _inflight = [];
    private readonly HashSet<ushort> _incomingQos2 = [];
    private readonly MqttSessionOwner _owner;
    private IMqttSessionSink? _sink;
    private long _nextSequence = 1;
    private ushort _lastPacketId;

    public MqttSession(string clientId, uint expiryInterval, MqttSessionStore? store, MqttSessionOwner owner)
    {
        ClientId = clientId;
        ExpiryInterval = expiryInterval;
        Store = store;
        _owner = owner;
    }

    public string ClientId { get; }

    public uint ExpiryInterval { get; set; }

    public MqttSessionStore? Store { get; }

    public IMqttSessionSink? Sink
    {
        get
        {
            lock (_gate)
            {
                return _sink;
            }
        }
    }

    /// <summary>Pending timers (will delay, expiry) of a detached session; disposed when a client comes back.</summary>
    public ITimer? ExpiryTimer { get; set; }

    public ITimer? WillTimer { get; set; }

    public BrokerMessage? PendingWill { get; set; }

    public int IncomingQos2Count
    {
        get
        {
            lock (_gate)
            {
                return _incomingQos2.Count;
            }
        }
    }

    public int SubscriptionCount
    {
        get
        {
            lock (_gate)
            {
                return _subscriptions.Count;
            }
        }
    }

    public int QueuedCount
    {
        get
        {
            lock (_gate)
            {
                return _pending.Count + _inflight.Count;
            }
        }
    }

    private MqttMetrics Metrics => _owner.Metrics;

    /// <summary>Rebuilds a session from its stored state after a restart.</summary>
    public static MqttSession Restore(string clientId, MqttSessionState state, MqttSessionStore store, MqttSessionOwner owner)
    {
        var session = new MqttSession(clientId, state.ExpiryInterval, store, owner);
        foreach (var subscription in state.Subscriptions.Values)
        {
            session._subscriptions[subscription.Filter] = subscription;
        }

        foreach (var message in state.Messages.OrderBy(m => m.Sequence))
        {
            if (message.PacketId != 0)
            {
                session._inflight[message.PacketId] = message;
                session._lastPacketId = message.PacketId;
                owner.Metrics.InflightChanged(1);
            }
            else
            {
                session._pending.Enqueue(message);
                owner.Metrics.QueuedChanged(1);
            }
        }

        foreach (var id in state.IncomingQos2)
        {
            session._incomingQos2.Add(id);
        }

        session._nextSequence = Math.Max(state.NextSequence, state.Messages.Count == 0 ? 1 : state.Messages.Max(m => m.Sequence) + 1);
        return session;
    }

    public IReadOnlyList<StoredSubscription> GetSubscriptions()
    {
        lock (_gate)
        {
            return [.. _subscriptions.Values];
        }
    }

    /// <summary>Adds or replaces a subscription; true when the filter is new.</summary>
    public bool Subscribe(StoredSubscription subscription, out Task stored)
    {
        lock (_gate)
        {
            var isNew = !_subscriptions.ContainsKey(subscription.Filter);
            _subscriptions[subscription.Filter] = subscription;
            stored = Store?.Enqueue(g => g.ChangeSubscriptions([subscription], [])) ?? Task.CompletedTask;
            return isNew;
        }
    }

    public bool Unsubscribe(string filter, out Task stored)
    {
        lock (_gate)
        {
            var removed = _subscriptions.Remove(filter);
            stored = removed && Store is not null ? Store.Enqueue(g => g.ChangeSubscriptions([], [filter])) : Task.CompletedTask;
            return removed;
        }
    }

    /// <summary>Records an incoming QoS 2 id; false when it is a redelivery of one already received.</summary>
    public bool TryReceiveQos2(ushort packetId, out Task stored)
    {
        lock (_gate)
        {
            stored = Task.CompletedTask;
            if (!_incomingQos2.Add(packetId))
            {
                return false;
            }

            stored = Store?.Enqueue(g => g.SetIncoming(packetId, true)) ?? Task.CompletedTask;
            return true;
        }
    }

    public bool ReleaseQos2(ushort packetId)
    {
        lock (_gate)
        {
            if (!_incomingQos2.Remove(packetId))
            {
                return false;
            }

            Store?.Enqueue(g => g.SetIncoming(packetId, false));
            return true;
        }
    }
}
