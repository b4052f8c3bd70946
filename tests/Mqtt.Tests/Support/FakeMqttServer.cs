using System.Net;
using System.Net.Security;
using System.Net.Sockets;

namespace Visco.Mqtt.Tests.Support;

/// <summary>A loopback listener whose connections speak raw MQTT packets through our codec, scripted by the test.</summary>
internal sealed class FakeMqttServer : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);

    public FakeMqttServer()
    {
        _listener.Start();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public async Task<FakeMqttConnection> AcceptAsync(SslServerAuthenticationOptions? tls = null)
    {
        var socket = await _listener.AcceptSocketAsync().WaitAsync(FakeMqttConnection.Timeout);
        Stream stream = new NetworkStream(socket, ownsSocket: true);
        if (tls is not null)
        {
            var ssl = new SslStream(stream);
            try
            {
                await ssl.AuthenticateAsServerAsync(tls).WaitAsync(FakeMqttConnection.Timeout);
            }
            catch
            {
                await ssl.DisposeAsync();
                throw;
            }

            stream = ssl;
        }

        return new FakeMqttConnection(stream);
    }

    public void Dispose() => _listener.Stop();
}
