using System.Buffers;
using System.IO.Pipelines;
using System.Net.Sockets;
using Visco.Mqtt.Codec;
using Visco.Mqtt.Packets;

namespace Visco.MqttFrontDoor.Tests.Support;

/// <summary>A packet-level MQTT client over a TcpClient with our codec: sends exactly what a test says, shows every packet.</summary>
public sealed class RawMqttClient : IAsyncDisposable
{
    /// <summary>How long a test waits for an expected packet before it fails.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    private readonly TcpClient _tcp;
    private readonly NetworkStream _stream;
    private readonly PipeReader _input;
    private readonly MqttPacketReader _reader;
    private readonly MqttPacketWriter _writer;

    private RawMqttClient(TcpClient tcp, MqttProtocolVersion version)
    {
        _tcp = tcp;
        _stream = tcp.GetStream();
        _input = PipeReader.Create(_stream);
        Version = version;
        _reader = new MqttPacketReader(version);
        _writer = new MqttPacketWriter(version);
    }

    /// <summary>The protocol version spoken.</summary>
    public MqttProtocolVersion Version { get; }

    /// <summary>Opens a socket to the server.</summary>
    public static async Task<RawMqttClient> OpenAsync(int port, MqttProtocolVersion version = MqttProtocolVersion.V500)
    {
        var tcp = new TcpClient { NoDelay = true };
        await tcp.ConnectAsync(System.Net.IPAddress.Loopback, port).WaitAsync(Patience);
        return new RawMqttClient(tcp, version);
    }

    /// <summary>Opens a socket and connects with the given client id (clean start unless told).</summary>
    public static async Task<(RawMqttClient Client, MqttConnAckPacket ConnAck)> ConnectAsync(
        int port, string clientId, MqttProtocolVersion version = MqttProtocolVersion.V500, Action<MqttConnectPacket>? configure = null)
    {
        var client = await OpenAsync(port, version);
        var connect = new MqttConnectPacket { ProtocolVersion = version, ClientId = clientId, KeepAliveSeconds = 0 };
        configure?.Invoke(connect);
        await client.SendAsync(connect);
        var connAck = await client.ExpectAsync<MqttConnAckPacket>();
        return (client, connAck);
    }

    /// <summary>Sends a packet.</summary>
    public async Task SendAsync(MqttPacket packet)
    {
        var buffer = new ArrayBufferWriter<byte>();
        _writer.Write(packet, buffer);
        await _stream.WriteAsync(buffer.WrittenMemory);
    }

    /// <summary>Sends raw bytes.</summary>
    public async Task SendRawAsync(ReadOnlyMemory<byte> bytes) => await _stream.WriteAsync(bytes);

    /// <summary>The next packet; null when the server closed the connection.</summary>
    public async Task<MqttPacket?> ReceiveAsync()
    {
        using var timeout = new CancellationTokenSource(Patience);
        try
        {
            while (true)
            {
                var result = await _input.ReadAsync(timeout.Token);
                var buffer = result.Buffer;
                if (_reader.TryRead(ref buffer, out var packet) == OperationStatus.Done)
                {
                    _input.AdvanceTo(buffer.Start);
                    return packet;
                }

                _input.AdvanceTo(buffer.Start, buffer.End);
                if (result.IsCompleted)
                {
                    return null;
                }
            }
        }
        catch (IOException)
        {
            return null;
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            throw new TimeoutException($"no packet from the server within {Patience}");
        }
    }

    /// <summary>The next packet, which must be a <typeparamref name="T"/>.</summary>
    public async Task<T> ExpectAsync<T>()
        where T : MqttPacket
    {
        var packet = await ReceiveAsync();
        return packet as T ?? throw new Xunit.Sdk.XunitException($"expected {typeof(T).Name}, got {packet?.PacketType.ToString() ?? "connection closed"}");
    }

    /// <summary>Reads until the server closes the connection; returns what came before.</summary>
    public async Task<List<MqttPacket>> ReadUntilClosedAsync()
    {
        var packets = new List<MqttPacket>();
        while (await ReceiveAsync() is { } packet)
        {
            packets.Add(packet);
        }

        return packets;
    }

    /// <summary>Publishes at QoS 1 and returns the PUBACK.</summary>
    public async Task<MqttPubAckPacket> PublishQos1Async(string topic, string payload, ushort packetId = 1)
    {
        await SendAsync(new MqttPublishPacket { Topic = topic, Payload = System.Text.Encoding.UTF8.GetBytes(payload), QualityOfService = MqttQualityOfService.AtLeastOnce, PacketId = packetId });
        return await ExpectAsync<MqttPubAckPacket>();
    }

    /// <summary>Subscribes and returns the SUBACK.</summary>
    public async Task<MqttSubAckPacket> SubscribeAsync(string filter, MqttQualityOfService qos = MqttQualityOfService.AtLeastOnce, ushort packetId = 1)
    {
        await SendAsync(new MqttSubscribePacket { PacketId = packetId, Subscriptions = [new MqttSubscription(filter, qos)] });
        return await ExpectAsync<MqttSubAckPacket>();
    }

    /// <summary>Drops the socket without DISCONNECT.</summary>
    public void Abort() => _tcp.Client.Close(0);

    /// <summary>Closes the socket.</summary>
    public async ValueTask DisposeAsync()
    {
        await _input.CompleteAsync();
        _tcp.Dispose();
    }
}
