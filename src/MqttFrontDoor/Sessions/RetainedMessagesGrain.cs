using Visco.Runtime.Abstractions;
using Visco.Runtime.Abstractions.State;

namespace Visco.MqttFrontDoor.Sessions;

/// <summary>Stores retained messages; writes before it returns.</summary>
public sealed class RetainedMessagesGrain([PersistentState("retained")] IPersistentState<RetainedMessagesState> state) : Grain, IRetainedMessagesGrain
{
    /// <inheritdoc />
    public Task<IReadOnlyList<BrokerMessage>> GetAll(CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<BrokerMessage>>([.. state.State.Messages.Values]);

    /// <inheritdoc />
    public Task Set(BrokerMessage message, CancellationToken cancellationToken = default)
    {
        state.State.Messages[message.Topic] = message;
        return state.WriteStateAsync(cancellationToken);
    }

    /// <inheritdoc />
    public Task Remove(string topic, CancellationToken cancellationToken = default) =>
        state.State.Messages.Remove(topic) ? state.WriteStateAsync(cancellationToken) : Task.CompletedTask;
}
