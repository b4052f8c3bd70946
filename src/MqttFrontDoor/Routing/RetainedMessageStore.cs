using System.Collections.Concurrent;
using Visco.Mqtt.Topics;
using Visco.MqttFrontDoor.Sessions;
using Visco.Runtime.Abstractions;

namespace Visco.MqttFrontDoor.Routing;

/// <summary>Retained messages: cached in memory, written through to <see cref="IRetainedMessagesGrain"/> when there is a runtime.</summary>
internal sealed class RetainedMessageStore(IGrainFactory? grains, TimeProvider time)
{
    private const string GrainKey = "retained";
    private readonly ConcurrentDictionary<string, BrokerMessage> _messages = new(StringComparer.Ordinal);

    public int Count => _messages.Count;

    public async Task LoadAsync(CancellationToken cancellationToken)
    {
        if (grains is null)
        {
            return;
        }

        foreach (var message in await grains.GetGrain<IRetainedMessagesGrain>(GrainKey).GetAll(cancellationToken).ConfigureAwait(false))
        {
            _messages[message.Topic] = message;
        }
    }

    /// <summary>Retains (or, for an empty payload, forgets) the message of its topic; durable when the task completes.</summary>
    public Task SetAsync(BrokerMessage message, CancellationToken cancellationToken)
    {
        if (message.Payload.Length == 0)
        {
            // The grain too when the cache holds nothing for the topic: the cache is loaded at the first CONNECT, so a
            // clear before it (a re-provisioning soon after a restart, an offline CLI verb) must still reach the store.
            _messages.TryRemove(message.Topic, out _);
            return grains?.GetGrain<IRetainedMessagesGrain>(GrainKey).Remove(message.Topic, cancellationToken) ?? Task.CompletedTask;
        }

        _messages[message.Topic] = message;
        return grains?.GetGrain<IRetainedMessagesGrain>(GrainKey).Set(message, cancellationToken) ?? Task.CompletedTask;
    }

    public IEnumerable<BrokerMessage> Matching(string filter)
    {
        var now = time.GetUtcNow();
        foreach (var (topic, message) in _messages)
        {
            if (TopicFilter.Matches(filter, topic) && (message.ExpiresAt is null || message.ExpiresAt > now))
            {
                yield return message;
            }
        }
    }
}
