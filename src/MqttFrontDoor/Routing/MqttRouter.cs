using Visco.Mqtt.Topics;
using Visco.MqttFrontDoor.Sessions;

namespace Visco.MqttFrontDoor.Routing;

/// <summary>
/// Matches published messages to session subscriptions. Exact filters are found by dictionary lookup (every device
/// topic); only wildcard filters are scanned, so 10,000 devices with their own topics cost one lookup per publish.
/// </summary>
internal sealed class MqttRouter(RetainedMessageStore retained)
{
    private readonly object _gate = new();
    private readonly Dictionary<string, Dictionary<MqttSession, StoredSubscription>> _exact = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Dictionary<MqttSession, StoredSubscription>> _wildcard = new(StringComparer.Ordinal);

    public RetainedMessageStore Retained { get; } = retained;

    public void Add(MqttSession session, StoredSubscription subscription)
    {
        lock (_gate)
        {
            var index = TopicFilter.HasWildcards(subscription.Filter) ? _wildcard : _exact;
            if (!index.TryGetValue(subscription.Filter, out var sessions))
            {
                index[subscription.Filter] = sessions = [];
            }

            sessions[session] = subscription;
        }
    }

    public void Remove(MqttSession session, string filter)
    {
        lock (_gate)
        {
            var index = TopicFilter.HasWildcards(filter) ? _wildcard : _exact;
            if (index.TryGetValue(filter, out var sessions) && sessions.Remove(session) && sessions.Count == 0)
            {
                index.Remove(filter);
            }
        }
    }

    public void RemoveAll(MqttSession session)
    {
        foreach (var subscription in session.GetSubscriptions())
        {
            Remove(session, subscription.Filter);
        }
    }

    /// <summary>
    /// Routes a message to every matching session (retaining it first when flagged). Completes when every persistent
    /// recipient has stored it; returns how many sessions it went to.
    /// </summary>
    public async Task<int> PublishAsync(BrokerMessage message, CancellationToken cancellationToken)
    {
        if (message.Retain)
        {
            await Retained.SetAsync(message, cancellationToken).ConfigureAwait(false);
        }

        if (TryMatchOne(message, out var only, out var onlyTarget))
        {
            var written = only!.Deliver(message, onlyTarget!.Qos, onlyTarget.Retain, onlyTarget.Ids);
            if (!written.IsCompletedSuccessfully)
            {
                await written.ConfigureAwait(false);
            }

            return 1;
        }

        var targets = Match(message);
        if (targets.Count == 0)
        {
            return 0;
        }

        List<Task>? writes = null;
        foreach (var (session, target) in targets)
        {
            var written = session.Deliver(message, target.Qos, target.Retain, target.Ids);
            if (!written.IsCompletedSuccessfully)
            {
                (writes ??= []).Add(written);
            }
        }

        if (writes is not null)
        {
            await Task.WhenAll(writes).ConfigureAwait(false);
        }

        return targets.Count;
    }

    // The common case (a device's own topic, one exact subscriber, no wildcard filters anywhere) without the
    // dictionary and lists of the general match: one lookup, one delivery.
    private bool TryMatchOne(BrokerMessage message, out MqttSession? session, out Target? target)
    {
        lock (_gate)
        {
            if (_wildcard.Count == 0 && _exact.TryGetValue(message.Topic, out var exact) && exact.Count == 1)
            {
                foreach (var (subscriber, subscription) in exact)
                {
                    if (subscription.NoLocal && message.SenderClientId == subscriber.ClientId)
                    {
                        break;
                    }

                    session = subscriber;
                    target = new Target(
                        Math.Min(subscription.QualityOfService, message.QualityOfService),
                        subscription.RetainAsPublished && message.Retain,
                        subscription.SubscriptionIdentifier == 0 ? [] : [subscription.SubscriptionIdentifier]);
                    return true;
                }
            }
        }

        session = null;
        target = null;
        return false;
    }

    private Dictionary<MqttSession, Target> Match(BrokerMessage message)
    {
        var targets = new Dictionary<MqttSession, Target>();
        lock (_gate)
        {
            if (_exact.TryGetValue(message.Topic, out var exact))
            {
                AddTargets(targets, exact, message);
            }

            foreach (var (filter, sessions) in _wildcard)
            {
                if (TopicFilter.Matches(filter, message.Topic))
                {
                    AddTargets(targets, sessions, message);
                }
            }
        }

        return targets;
    }

    // Overlapping subscriptions of one session yield one delivery at the highest QoS with every identifier [MQTT-3.3.4-2].
    private static void AddTargets(Dictionary<MqttSession, Target> targets, Dictionary<MqttSession, StoredSubscription> sessions, BrokerMessage message)
    {
        foreach (var (session, subscription) in sessions)
        {
            if (subscription.NoLocal && message.SenderClientId == session.ClientId)
            {
                continue;
            }

            var qos = Math.Min(subscription.QualityOfService, message.QualityOfService);
            var retain = subscription.RetainAsPublished && message.Retain;
            targets.TryGetValue(session, out var target);
            var ids = target?.Ids ?? [];
            if (subscription.SubscriptionIdentifier != 0)
            {
                ids = [.. ids, subscription.SubscriptionIdentifier];
            }

            targets[session] = new Target(Math.Max(qos, target?.Qos ?? 0), retain || (target?.Retain ?? false), ids);
        }
    }

    private sealed record Target(int Qos, bool Retain, List<uint> Ids);
}
