using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Http.Features;

namespace Visco.MqttFrontDoor.Hosting;

/// <summary>Kestrel's entry for MQTT sockets (TCP or TLS): one <c>MqttServerConnection</c> per accepted connection.</summary>
public sealed class MqttConnectionHandler(MqttFrontDoorServer server) : ConnectionHandler
{
    /// <summary>Runs the connection until it closes; never throws for anything a client sends.</summary>
    public override Task OnConnectedAsync(ConnectionContext connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var listener = connection.Features.Get<ITlsConnectionFeature>() is null ? "tcp" : "tls";
        return new Connections.MqttServerConnection(connection, server.Broker, listener).RunAsync();
    }
}
