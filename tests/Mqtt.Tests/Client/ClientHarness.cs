using Visco.Mqtt.Client;
using Visco.Mqtt.Packets;
using Visco.Mqtt.Tests.Support;

namespace Visco.Mqtt.Tests.Client;

/// <summary>A fake server plus a client pointed at it, connected by <see cref="ConnectAsync"/>.</summary>
internal sealed class ClientHarness : IAsyncDisposable
{
    private readonly List<FakeMqttConnection> _connections = [];

    public ClientHarness(MqttProtocolVersion version, Action<MqttClientOptions>? configure = null)
    {
        Options = new MqttClientOptions
        {
            Port = Server.Port,
            ProtocolVersion = version,
            ClientId = "test-client",
            KeepAlive = TimeSpan.Zero,
            ConnectTimeout = TimeSpan.FromSeconds(10),
        };
        configure?.Invoke(Options);
        Client = new MqttClient(Options);
        Client.Disconnected += (_, e) => DisconnectedEvent.TrySetResult(e);
    }

    public FakeMqttServer Server { get; } = new();

    public MqttClientOptions Options { get; }

    public MqttClient Client { get; }

    public TaskCompletionSource<MqttClientDisconnectedEventArgs> DisconnectedEvent { get; private set; } =
        new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Connects the client; the server answers with <paramref name="connAck"/>.</summary>
    public async Task<(FakeMqttConnection Server, MqttConnectPacket Connect)> ConnectAsync(MqttConnAckPacket? connAck = null)
    {
        DisconnectedEvent = new TaskCompletionSource<MqttClientDisconnectedEventArgs>(TaskCreationOptions.RunContinuationsAsynchronously);
        var connecting = Client.ConnectAsync();
        var connection = await Server.AcceptAsync();
        _connections.Add(connection);
        var connect = await connection.AcceptConnectAsync(connAck);
        await connecting.Within();
        return (connection, connect);
    }

    public async ValueTask DisposeAsync()
    {
        await Client.DisposeAsync();
        foreach (var connection in _connections)
        {
            await connection.DisposeAsync();
        }

        Server.Dispose();
    }
}
