using System.Net;
using System.Net.Sockets;

namespace Visco.EndToEnd.Tests.Agents;

/// <summary>How a 3.1.1-only broker answers an MQTT 5 CONNECT.</summary>
public enum V5ConnectAnswer
{
    /// <summary>CONNACK with reason code 0x84 Unsupported Protocol Version, then close (MQTT 5 §3.1.2.2, a multi-version server).</summary>
    UnsupportedProtocolVersion,

    /// <summary>A 3.1.1 CONNACK with return code 0x01 Unacceptable protocol version, then close ([MQTT-3.1.2-2], a 3.1.1 server).</summary>
    UnacceptableProtocolLevel,

    /// <summary>No CONNACK at all: the connection is closed (what some older brokers do).</summary>
    Close,
}

/// <summary>
/// A broker that speaks only MQTT 3.1.1, in front of the real silo: it reads the first packet of each connection,
/// answers an MQTT 5 CONNECT (protocol level 5) as <see cref="V5ConnectAnswer"/> says and closes, and forwards every
/// other connection byte for byte to the silo's MQTT port. The front door cannot be told to refuse MQTT 5 (it speaks
/// both), and neither can mosquitto, so this stands in for a 3.1.1-only broker.
/// </summary>
public sealed class Mqtt311OnlyBroker : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stopping = new();
    private readonly int _upstreamPort;
    private readonly V5ConnectAnswer _answer;
    private readonly Task _accepting;
    private int _refused;
    private int _forwarded;

    /// <summary>Listens on a free loopback port, forwarding 3.1.1 connections to <paramref name="upstreamPort"/>.</summary>
    public Mqtt311OnlyBroker(int upstreamPort, V5ConnectAnswer answer)
    {
        _upstreamPort = upstreamPort;
        _answer = answer;
        _listener.Start();
        _accepting = AcceptAsync();
    }

    /// <summary>The listening port.</summary>
    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>MQTT 5 CONNECTs refused.</summary>
    public int RefusedV5 => Volatile.Read(ref _refused);

    /// <summary>MQTT 3.1.1 connections forwarded.</summary>
    public int Forwarded311 => Volatile.Read(ref _forwarded);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        _listener.Stop();
        await _accepting.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _stopping.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            var client = await _listener.AcceptTcpClientAsync(_stopping.Token);
            _ = HandleAsync(client);
        }
    }

    private async Task HandleAsync(TcpClient client)
    {
        using var _ = client;
        try
        {
            var stream = client.GetStream();
            var connect = await ReadPacketAsync(stream);
            if (connect is null || (connect[0] & 0xF0) != 0x10)
            {
                return;
            }

            // Variable header of CONNECT: protocol name (2-byte length + "MQTT"), then the protocol level.
            var headerLength = connect.Length - BodyLength(connect);
            var nameLength = (connect[headerLength] << 8) | connect[headerLength + 1];
            var level = connect[headerLength + 2 + nameLength];
            if (level == 5)
            {
                Interlocked.Increment(ref _refused);
                byte[] answer = _answer switch
                {
                    V5ConnectAnswer.UnsupportedProtocolVersion => [0x20, 0x03, 0x00, 0x84, 0x00],
                    V5ConnectAnswer.UnacceptableProtocolLevel => [0x20, 0x02, 0x00, 0x01],
                    _ => [],
                };
                await stream.WriteAsync(answer, _stopping.Token);
                return;
            }

            Interlocked.Increment(ref _forwarded);
            using var upstream = new TcpClient();
            await upstream.ConnectAsync(IPAddress.Loopback, _upstreamPort, _stopping.Token);
            var server = upstream.GetStream();
            await server.WriteAsync(connect, _stopping.Token);
            await Task.WhenAny(stream.CopyToAsync(server, _stopping.Token), server.CopyToAsync(stream, _stopping.Token));
        }
        catch (Exception exception) when (exception is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // One side went away: the other is closed with it.
        }
    }

    private static int BodyLength(byte[] packet)
    {
        int length = 0, multiplier = 1, index = 1;
        while (true)
        {
            var b = packet[index++];
            length += (b & 0x7F) * multiplier;
            multiplier *= 128;
            if ((b & 0x80) == 0)
            {
                return length;
            }
        }
    }

    /// <summary>One whole MQTT packet (fixed header included), or null when the stream ends first.</summary>
    private async Task<byte[]?> ReadPacketAsync(Stream stream)
    {
        var header = new List<byte>();
        var one = new byte[1];
        int length = 0, multiplier = 1;
        if (await stream.ReadAsync(one, _stopping.Token) == 0)
        {
            return null;
        }

        header.Add(one[0]);
        do
        {
            if (await stream.ReadAsync(one, _stopping.Token) == 0 || header.Count > 4)
            {
                return null;
            }

            header.Add(one[0]);
            length += (one[0] & 0x7F) * multiplier;
            multiplier *= 128;
        }
        while ((one[0] & 0x80) != 0);

        var packet = new byte[header.Count + length];
        header.CopyTo(packet);
        await stream.ReadExactlyAsync(packet.AsMemory(header.Count), _stopping.Token);
        return packet;
    }
}
