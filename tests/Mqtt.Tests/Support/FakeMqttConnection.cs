using System.Buffers;
using System.IO.Pipelines;

using Visco.Mqtt.Codec;
using Visco.Mqtt.Packets;

namespace Visco.Mqtt.Tests.Support;

/// <summary>The server side of one connection: reads and writes packets; every wait is bounded.</summary>
internal sealed class FakeMqttConnection(Stream stream) : IAsyncDisposable
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    private readonly PipeReader _input = PipeReader.Create(stream);
    private MqttPacketReader? _reader;
    private MqttPacketWriter? _writer;

    public Stream Stream => stream;

    public MqttProtocolVersion Version => _reader?.ProtocolVersion ?? MqttProtocolVersion.V500;

    /// <summary>Reads CONNECT (either version), fixes the version, and answers with <paramref name="connAck"/>.</summary>
    public async Task<MqttConnectPacket> AcceptConnectAsync(MqttConnAckPacket? connAck = null)
    {
        var connect = (MqttConnectPacket)await ReadAsync(connect: true);
        _reader = new MqttPacketReader(connect.ProtocolVersion);
        _writer = new MqttPacketWriter(connect.ProtocolVersion);
        await SendAsync(connAck ?? new MqttConnAckPacket());
        return connect;
    }

    public Task<MqttPacket> ReceiveAsync() => ReadAsync(connect: false);

    public async Task<T> ReceiveAsync<T>()
        where T : MqttPacket
    {
        var packet = await ReceiveAsync();
        return Assert.IsType<T>(packet);
    }

    public async Task SendAsync(MqttPacket packet)
    {
        var output = new ArrayBufferWriter<byte>();
        _writer!.Write(packet, output);
        await SendRawAsync(output.WrittenSpan.ToArray());
    }

    public async Task SendRawAsync(byte[] bytes)
    {
        await stream.WriteAsync(bytes).AsTask().WaitAsync(Timeout);
        await stream.FlushAsync().WaitAsync(Timeout);
    }

    /// <summary>Waits until the client closes the connection.</summary>
    public async Task WaitForCloseAsync()
    {
        while (true)
        {
            ReadResult result;
            try
            {
                result = await _input.ReadAsync().AsTask().WaitAsync(Timeout);
            }
            catch (IOException)
            {
                return;
            }

            _input.AdvanceTo(result.Buffer.End);
            if (result.IsCompleted)
            {
                return;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _input.CompleteAsync();
        await stream.DisposeAsync();
    }

    private async Task<MqttPacket> ReadAsync(bool connect)
    {
        while (true)
        {
            var result = await _input.ReadAsync().AsTask().WaitAsync(Timeout);
            var buffer = result.Buffer;
            MqttPacket? packet = null;
            OperationStatus status;
            if (connect)
            {
                status = MqttPacketReader.TryReadConnect(ref buffer, MqttLimits.MaxPacketSize, out var connectPacket);
                packet = connectPacket;
            }
            else
            {
                status = _reader!.TryRead(ref buffer, out packet);
            }

            if (status == OperationStatus.Done)
            {
                _input.AdvanceTo(buffer.Start);
                return packet!;
            }

            _input.AdvanceTo(buffer.Start, buffer.End);
            if (result.IsCompleted)
            {
                throw new EndOfStreamException("the client closed the connection");
            }
        }
    }
}
