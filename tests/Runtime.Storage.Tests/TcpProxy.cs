using System.Net;
using System.Net.Sockets;

namespace Visco.Runtime.Storage.Tests;

/// <summary>
/// A loopback TCP relay in front of a server, which a test can cut (every connection dropped, new ones refused) and
/// restore on the same port: the database "goes away" and "comes back" without touching the real server.
/// </summary>
public sealed class TcpProxy : IAsyncDisposable
{
    private readonly string _upstreamHost;
    private readonly int _upstreamPort;
    private readonly Lock _lock = new();
    private readonly List<TcpClient> _connections = [];
    private TcpListener? _listener;
    private Task _acceptLoop = Task.CompletedTask;

    /// <summary>Starts relaying 127.0.0.1:(a free port) to the upstream server.</summary>
    public TcpProxy(string upstreamHost, int upstreamPort)
    {
        _upstreamHost = upstreamHost;
        _upstreamPort = upstreamPort;
        Port = Start(0);
    }

    /// <summary>The loopback port clients connect to.</summary>
    public int Port { get; }

    /// <summary>Refuses new connections and drops every open one.</summary>
    public async Task CutAsync()
    {
        TcpClient[] open;
        lock (_lock)
        {
            _listener?.Stop();
            _listener = null;
            open = [.. _connections];
            _connections.Clear();
        }

        foreach (var connection in open)
        {
            // Linger 0: a reset, as when a server or a network path dies, rather than a polite close.
            if (connection.Client is { Connected: true } socket)
            {
                socket.LingerState = new LingerOption(true, 0);
            }

            connection.Dispose();
        }

        await _acceptLoop.ConfigureAwait(false);
    }

    /// <summary>Accepts connections again on the same port.</summary>
    public void Restore() => Start(Port);

    /// <inheritdoc />
    public async ValueTask DisposeAsync() => await CutAsync().ConfigureAwait(false);

    private int Start(int port)
    {
        var listener = new TcpListener(IPAddress.Loopback, port);
        listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        listener.Start();
        lock (_lock)
        {
            _listener = listener;
        }

        _acceptLoop = AcceptAsync(listener);
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private async Task AcceptAsync(TcpListener listener)
    {
        while (true)
        {
            TcpClient client;
            try
            {
                client = await listener.AcceptTcpClientAsync().ConfigureAwait(false);
            }
            catch (Exception error) when (error is SocketException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            _ = RelayAsync(client);
        }
    }

    private async Task RelayAsync(TcpClient client)
    {
        var upstream = new TcpClient();
        lock (_lock)
        {
            _connections.Add(client);
            _connections.Add(upstream);
        }

        try
        {
            await upstream.ConnectAsync(_upstreamHost, _upstreamPort).ConfigureAwait(false);
            var a = client.GetStream();
            var b = upstream.GetStream();
            await Task.WhenAny(a.CopyToAsync(b), b.CopyToAsync(a)).ConfigureAwait(false);
        }
        catch (Exception error) when (error is IOException or SocketException or ObjectDisposedException)
        {
            // The test cut the link; both sides are closed below.
        }
        finally
        {
            client.Dispose();
            upstream.Dispose();
        }
    }
}
