using Visco.Runtime.Abstractions;

namespace Visco.MqttFrontDoor.Sessions;

/// <summary>The durable store of retained messages (one grain, key <c>"retained"</c>); the front door caches them.</summary>
[Alias("mqtt-retained")]
public interface IRetainedMessagesGrain : IGrainWithStringKey
{
    /// <summary>Every retained message.</summary>
    [Alias("all")]
    Task<IReadOnlyList<BrokerMessage>> GetAll(CancellationToken cancellationToken = default);

    /// <summary>Retains a message for its topic, replacing the previous one.</summary>
    [Alias("set")]
    Task Set(BrokerMessage message, CancellationToken cancellationToken = default);

    /// <summary>Forgets the retained message of a topic.</summary>
    [Alias("remove")]
    Task Remove(string topic, CancellationToken cancellationToken = default);
}
