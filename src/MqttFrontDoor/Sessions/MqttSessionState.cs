namespace Visco.MqttFrontDoor.Sessions;

/// <summary>The durable part of a persistent session (the grain state of <see cref="IMqttSessionGrain"/>).</summary>
public sealed class MqttSessionState
{
    /// <summary>Whether a session exists.</summary>
    public bool Exists { get; set; }

    /// <summary>Session Expiry Interval in seconds.</summary>
    public uint ExpiryInterval { get; set; }

    /// <summary>When the client went away; null while connected (or never disconnected since the session began).</summary>
    public DateTimeOffset? DisconnectedAt { get; set; }

    /// <summary>Subscriptions by filter.</summary>
    public Dictionary<string, StoredSubscription> Subscriptions { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Queued and inflight QoS 1/2 messages, in sequence order.</summary>
    public List<StoredMessage> Messages { get; set; } = [];

    /// <summary>Packet identifiers of QoS 2 publishes received and not yet released by the client.</summary>
    public List<ushort> IncomingQos2 { get; set; } = [];

    /// <summary>The next message sequence.</summary>
    public long NextSequence { get; set; } = 1;
}
