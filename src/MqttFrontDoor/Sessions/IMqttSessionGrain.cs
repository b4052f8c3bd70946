using Visco.Runtime.Abstractions;

namespace Visco.MqttFrontDoor.Sessions;

/// <summary>
/// The durable mirror of one persistent MQTT session, keyed by client id. The front door keeps the live session in
/// memory and writes every change here before it acknowledges what depends on it, so a restart loses nothing.
/// </summary>
[Alias("mqtt-session")]
public interface IMqttSessionGrain : IGrainWithStringKey
{
    /// <summary>The stored session (<see cref="MqttSessionState.Exists"/> false when there is none).</summary>
    [Alias("load")]
    Task<MqttSessionState> Load(CancellationToken cancellationToken = default);

    /// <summary>Starts a new session, discarding any previous one.</summary>
    [Alias("begin")]
    Task Begin(uint expiryInterval, CancellationToken cancellationToken = default);

    /// <summary>Marks the client connected (again) with its expiry interval.</summary>
    [Alias("connected")]
    Task Connected(uint expiryInterval, CancellationToken cancellationToken = default);

    /// <summary>Marks the client gone at a time, with the expiry interval then in force.</summary>
    [Alias("disconnected")]
    Task Disconnected(DateTimeOffset at, uint expiryInterval, CancellationToken cancellationToken = default);

    /// <summary>Adds or replaces subscriptions and removes others.</summary>
    [Alias("subscriptions")]
    Task ChangeSubscriptions(IReadOnlyList<StoredSubscription> added, IReadOnlyList<string> removed, CancellationToken cancellationToken = default);

    /// <summary>Adds a message, or replaces the one with the same sequence (packet id assigned, released).</summary>
    [Alias("put")]
    Task PutMessage(StoredMessage message, CancellationToken cancellationToken = default);

    /// <summary>Removes a delivered (or expired) message.</summary>
    [Alias("remove")]
    Task RemoveMessage(long sequence, CancellationToken cancellationToken = default);

    /// <summary>Records an incoming QoS 2 packet id as received (true) or released (false).</summary>
    [Alias("incoming")]
    Task SetIncoming(ushort packetId, bool received, CancellationToken cancellationToken = default);

    /// <summary>Ends the session for good.</summary>
    [Alias("end")]
    Task End(CancellationToken cancellationToken = default);
}
