using Visco.Mqtt.Packets;
using Visco.Mqtt.Topics;
using Visco.MqttFrontDoor.Diagnostics;
using Visco.MqttFrontDoor.Security;
using Visco.MqttFrontDoor.Sessions;

namespace Visco.MqttFrontDoor.Connections;

/// <summary>SUBSCRIBE (ACL, limits, retained messages) and UNSUBSCRIBE.</summary>
internal sealed partial class MqttServerConnection
{
    private async Task HandleSubscribeAsync(MqttSubscribePacket subscribe)
    {
        var session = _session!;
        var codes = new List<MqttSubAckReasonCode>(subscribe.Subscriptions.Count);
        var granted = new List<(StoredSubscription Subscription, bool IsNew, MqttRetainHandling Handling)>();
        var writes = new List<Task>();
        foreach (var requested in subscribe.Subscriptions)
        {
            var filter = requested.TopicFilter;
            if (TopicFilter.IsShared(filter))
            {
                codes.Add(MqttSubAckReasonCode.SharedSubscriptionsNotSupported);
                continue;
            }

            if (!TopicAcl.MaySubscribe(_identity!, filter))
            {
                _broker.Metrics.Rejected("acl_subscribe");
                MqttLog.Refused(_broker.Logger, session.ClientId, _context.RemoteEndPoint, filter, "subscribe not allowed");
                codes.Add(MqttSubAckReasonCode.NotAuthorized);
                continue;
            }

            if (session.SubscriptionCount >= _broker.Options.MaxSubscriptionsPerClient
                && !session.GetSubscriptions().Any(s => s.Filter == filter))
            {
                _broker.Metrics.Rejected("subscription_quota");
                codes.Add(MqttSubAckReasonCode.QuotaExceeded);
                continue;
            }

            var qos = Math.Min((int)requested.MaximumQoS, 2);
            var subscription = new StoredSubscription(filter, qos, requested.NoLocal, requested.RetainAsPublished, subscribe.SubscriptionIdentifier ?? 0);
            var isNew = session.Subscribe(subscription, out var stored);
            writes.Add(stored);
            _broker.Router.Add(session, subscription);
            granted.Add((subscription, isNew, requested.RetainHandling));
            codes.Add((MqttSubAckReasonCode)qos);
        }

        // The subscriptions are durable before the client hears they are granted.
        await Task.WhenAll(writes).ConfigureAwait(false);
        SendControl(new MqttSubAckPacket { PacketId = subscribe.PacketId, ReasonCodes = codes });
        foreach (var (subscription, isNew, handling) in granted)
        {
            if (handling == MqttRetainHandling.DoNotSend || (handling == MqttRetainHandling.SendAtSubscribeIfNew && !isNew))
            {
                continue;
            }

            IReadOnlyList<uint> ids = subscription.SubscriptionIdentifier == 0 ? [] : [subscription.SubscriptionIdentifier];
            foreach (var message in _broker.Router.Retained.Matching(subscription.Filter))
            {
                // Retained messages go out with RETAIN set whatever Retain As Published says [MQTT-3.3.1-9].
                await session.Deliver(message, Math.Min(message.QualityOfService, subscription.QualityOfService), retain: true, ids).ConfigureAwait(false);
            }
        }
    }

    private async Task HandleUnsubscribeAsync(MqttUnsubscribePacket unsubscribe)
    {
        var session = _session!;
        var codes = new List<MqttUnsubAckReasonCode>(unsubscribe.TopicFilters.Count);
        var writes = new List<Task>();
        foreach (var filter in unsubscribe.TopicFilters)
        {
            var removed = session.Unsubscribe(filter, out var stored);
            writes.Add(stored);
            if (removed)
            {
                _broker.Router.Remove(session, filter);
            }

            codes.Add(removed ? MqttUnsubAckReasonCode.Success : MqttUnsubAckReasonCode.NoSubscriptionExisted);
        }

        await Task.WhenAll(writes).ConfigureAwait(false);
        SendControl(new MqttUnsubAckPacket { PacketId = unsubscribe.PacketId, ReasonCodes = codes });
    }
}
