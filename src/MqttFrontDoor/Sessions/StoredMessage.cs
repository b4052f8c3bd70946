namespace Visco.MqttFrontDoor.Sessions;

/// <summary>A QoS 1/2 message of a session on its way to the client.</summary>
/// <param name="Sequence">Order within the session.</param>
/// <param name="Message">The message.</param>
/// <param name="QualityOfService">The QoS it is delivered at (the lower of message and subscription).</param>
/// <param name="Retain">The RETAIN flag it is delivered with.</param>
/// <param name="SubscriptionIdentifiers">MQTT 5 identifiers of the matching subscriptions.</param>
public sealed record StoredMessage(long Sequence, BrokerMessage Message, int QualityOfService, bool Retain, IReadOnlyList<uint> SubscriptionIdentifiers)
{
    /// <summary>The packet identifier once sent; 0 while still queued.</summary>
    public ushort PacketId { get; init; }

    /// <summary>QoS 2: PUBREC received, PUBREL sent; only PUBCOMP is awaited.</summary>
    public bool Released { get; init; }
}
