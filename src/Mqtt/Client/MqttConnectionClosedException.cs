using Visco.Mqtt.Packets;

namespace Visco.Mqtt.Client;

/// <summary>The connection ended (or was never up) while an operation needed it.</summary>
public sealed class MqttConnectionClosedException : Exception
{
    /// <summary>Creates the exception with a reason.</summary>
    public MqttConnectionClosedException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a reason and the failure that closed the connection.</summary>
    public MqttConnectionClosedException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for a DISCONNECT sent by the server (MQTT 5).</summary>
    public MqttConnectionClosedException(MqttDisconnectPacket disconnect)
        : base($"the server disconnected: {disconnect.ReasonCode}{(disconnect.ReasonString is null ? string.Empty : $" ({disconnect.ReasonString})")}")
    {
        ServerDisconnect = disconnect;
    }

    /// <summary>The server's DISCONNECT, when the server closed the connection with one.</summary>
    public MqttDisconnectPacket? ServerDisconnect { get; }
}
