namespace Visco.Mqtt.Client;

/// <summary>Describes the end of a connection of an <see cref="MqttClient"/>.</summary>
public sealed class MqttClientDisconnectedEventArgs(bool clientInitiated, Exception? exception) : EventArgs
{
    /// <summary>True when <see cref="MqttClient.DisconnectAsync(Packets.MqttDisconnectReasonCode, CancellationToken)"/> or disposal ended the connection.</summary>
    public bool ClientInitiated { get; } = clientInitiated;

    /// <summary>Why the connection was lost, when it was not the client's choice.</summary>
    public Exception? Exception { get; } = exception;
}
