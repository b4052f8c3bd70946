namespace Visco.MqttFrontDoor.Sessions;

/// <summary>What became of a PUBLISH handed to a connection.</summary>
internal enum MqttSendResult
{
    /// <summary>Queued for the socket.</summary>
    Queued = 0,

    /// <summary>Larger than the client's Maximum Packet Size: discarded as if delivered [MQTT-3.1.2-25].</summary>
    TooLarge = 1,

    /// <summary>The connection's queue is full (a reader that does not drain) or it is closing; the connection closes.</summary>
    NotQueued = 2,
}
