using Visco.Runtime.Abstractions;
using Visco.Runtime.Abstractions.State;

namespace Visco.MqttFrontDoor.Sessions;

/// <summary>Stores one persistent session; every method writes before it returns.</summary>
public sealed class MqttSessionGrain([PersistentState("session")] IPersistentState<MqttSessionState> state) : Grain, IMqttSessionGrain
{
    /// <inheritdoc />
    public Task<MqttSessionState> Load(CancellationToken cancellationToken = default) => Task.FromResult(Copy(state.State));

    /// <inheritdoc />
    public Task Begin(uint expiryInterval, CancellationToken cancellationToken = default)
    {
        state.State = new MqttSessionState { Exists = true, ExpiryInterval = expiryInterval };
        return state.WriteStateAsync(cancellationToken);
    }

    /// <inheritdoc />
    public Task Connected(uint expiryInterval, CancellationToken cancellationToken = default)
    {
        state.State.Exists = true;
        state.State.ExpiryInterval = expiryInterval;
        state.State.DisconnectedAt = null;
        return state.WriteStateAsync(cancellationToken);
    }

    /// <inheritdoc />
    public Task Disconnected(DateTimeOffset at, uint expiryInterval, CancellationToken cancellationToken = default)
    {
        state.State.DisconnectedAt = at;
        state.State.ExpiryInterval = expiryInterval;
        return state.WriteStateAsync(cancellationToken);
    }

    /// <inheritdoc />
    public Task ChangeSubscriptions(IReadOnlyList<StoredSubscription> added, IReadOnlyList<string> removed, CancellationToken cancellationToken = default)
    {
        foreach (var filter in removed)
        {
            state.State.Subscriptions.Remove(filter);
        }

        foreach (var subscription in added)
        {
            state.State.Subscriptions[subscription.Filter] = subscription;
        }

        return state.WriteStateAsync(cancellationToken);
    }

    /// <inheritdoc />
    public Task PutMessage(StoredMessage message, CancellationToken cancellationToken = default)
    {
        var messages = state.State.Messages;
        var index = messages.FindIndex(m => m.Sequence == message.Sequence);
        if (index >= 0)
        {
            messages[index] = message;
        }
        else
        {
            messages.Add(message);
            state.State.NextSequence = Math.Max(state.State.NextSequence, message.Sequence + 1);
        }

        return state.WriteStateAsync(cancellationToken);
    }

    /// <inheritdoc />
    public Task RemoveMessage(long sequence, CancellationToken cancellationToken = default) =>
        state.State.Messages.RemoveAll(m => m.Sequence == sequence) == 0 ? Task.CompletedTask : state.WriteStateAsync(cancellationToken);

    /// <inheritdoc />
    public Task SetIncoming(ushort packetId, bool received, CancellationToken cancellationToken = default)
    {
        var ids = state.State.IncomingQos2;
        if (received == ids.Contains(packetId))
        {
            return Task.CompletedTask;
        }

        if (received)
        {
            ids.Add(packetId);
        }
        else
        {
            ids.Remove(packetId);
        }

        return state.WriteStateAsync(cancellationToken);
    }

    /// <inheritdoc />
    public async Task End(CancellationToken cancellationToken = default)
    {
        if (state.RecordExists)
        {
            await state.ClearStateAsync(cancellationToken);
        }

        state.State = new MqttSessionState();
        DeactivateOnIdle();
    }

    // Callers get a snapshot: the grain's own collections must not be shared with the front door's threads.
    private static MqttSessionState Copy(MqttSessionState source) => new()
    {
        Exists = source.Exists,
        ExpiryInterval = source.ExpiryInterval,
        DisconnectedAt = source.DisconnectedAt,
        Subscriptions = new Dictionary<string, StoredSubscription>(source.Subscriptions, StringComparer.Ordinal),
        Messages = [.. source.Messages],
        IncomingQos2 = [.. source.IncomingQos2],
        NextSequence = source.NextSequence,
    };
}
