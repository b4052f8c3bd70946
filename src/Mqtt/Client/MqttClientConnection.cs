using System.Buffers;
using System.IO.Pipelines;
using System.Net.Security;
using System.Net.Sockets;
using System.Threading.Channels;

using Visco.Mqtt.Codec;
using Visco.Mqtt.Packets;

namespace Visco.Mqtt.Client;

/// <summary>
/// One network connection of an <see cref="MqttClient"/>: the transport, a read loop, a single writer loop and a
/// delivery loop for the message handler. The writer drains two queues and always takes the control queue first, so
/// acknowledgements and pings are never stuck behind data (the model of MQTTnet's MqttPacketBus).
/// </summary>
internal sealed partial class MqttClientConnection
{
    private readonly Stream _stream;
    private readonly PipeReader _input;
    private readonly PipeWriter _output;
    private readonly MqttClientOptions _options;
    private readonly Channel<MqttOutgoingPacket> _control =
        Channel.CreateUnbounded<MqttOutgoingPacket>(new UnboundedChannelOptions { SingleReader = true });

    private readonly Channel<MqttOutgoingPacket> _data;
    private readonly Channel<MqttPublishPacket> _deliveries;
    private readonly CancellationTokenSource _abort = new();
    private readonly TaskCompletionSource _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock _pingLock = new();
    private readonly List<TaskCompletionSource> _pingWaiters = [];
    private MqttClientConnectionHandlers? _handlers;
    private ITimer? _keepAlive;
    private Task? _writeLoop;
    private bool _pingOutstanding;
    private int _closing;
    private Exception? _error;

    private MqttClientConnection(Stream stream, MqttClientOptions options)
    {
        _stream = stream;
        _options = options;
        _input = PipeReader.Create(stream, new StreamPipeReaderOptions(leaveOpen: true));
        _output = PipeWriter.Create(stream, new StreamPipeWriterOptions(leaveOpen: true));
        _data = Channel.CreateBounded<MqttOutgoingPacket>(
            new BoundedChannelOptions(options.OutgoingQueueCapacity) { SingleReader = true });
        _deliveries = Channel.CreateBounded<MqttPublishPacket>(
            new BoundedChannelOptions(options.IncomingQueueCapacity) { SingleReader = true, SingleWriter = true });
        Reader = new MqttPacketReader(options.ProtocolVersion, options.MaximumPacketSize ?? MqttLimits.MaxPacketSize);
        Writer = new MqttPacketWriter(options.ProtocolVersion);
    }

    public MqttPacketReader Reader { get; }

    public MqttPacketWriter Writer { get; }

    public bool IsOpen => Volatile.Read(ref _closing) == 0;

    public bool ClientInitiatedClose { get; private set; }

    public static async Task<MqttClientConnection> OpenAsync(MqttClientOptions options, CancellationToken cancellationToken)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        Stream? stream = null;
        try
        {
            await socket.ConnectAsync(options.Host, options.Port, cancellationToken).ConfigureAwait(false);
            stream = new NetworkStream(socket, ownsSocket: true);
            if (options.Tls is { } tls)
            {
                var ssl = new SslStream(stream, leaveInnerStreamOpen: false);
                stream = ssl;
                await ssl.AuthenticateAsClientAsync(tls.ToSslOptions(options.Host), cancellationToken).ConfigureAwait(false);
            }

            return new MqttClientConnection(stream, options);
        }
        catch
        {
            if (stream is not null)
            {
                await stream.DisposeAsync().ConfigureAwait(false);
            }

            socket.Dispose();
            throw;
        }
    }

    /// <summary>Sends CONNECT and waits for CONNACK, before any loop runs.</summary>
    public async Task<MqttConnAckPacket> HandshakeAsync(MqttConnectPacket connect, CancellationToken cancellationToken)
    {
        await WriteDirectAsync([connect], cancellationToken).ConfigureAwait(false);
        while (true)
        {
            var result = await _input.ReadAsync(cancellationToken).ConfigureAwait(false);
            var buffer = result.Buffer;
            MqttPacket? packet = null;
            try
            {
                Reader.TryRead(ref buffer, out packet);
            }
            finally
            {
                // After CONNACK only the CONNACK is consumed and nothing more is marked examined: a server may send
                // queued messages in the same segment, and the read loop must see them without waiting for more bytes.
                if (packet is null)
                {
                    _input.AdvanceTo(buffer.Start, buffer.End);
                }
                else
                {
                    _input.AdvanceTo(buffer.Start);
                }
            }

            switch (packet)
            {
                case MqttConnAckPacket connAck:
                    return connAck;
                case MqttDisconnectPacket disconnect:
                    throw new MqttConnectionClosedException(disconnect);
                case not null:
                    throw new MqttProtocolViolationException("MQTT-3.2.0-1", MqttDisconnectReasonCode.ProtocolError,
                        $"the server sent {packet.PacketType} before CONNACK");
            }

            if (result.IsCompleted)
            {
                throw new MqttConnectionClosedException("the server closed the connection before CONNACK");
            }
        }
    }

    /// <summary>Writes packets straight to the transport; only before <see cref="Start"/> (CONNECT, session resume).</summary>
    public async Task WriteDirectAsync(IReadOnlyList<MqttPacket> packets, CancellationToken cancellationToken)
    {
        foreach (var packet in packets)
        {
            Writer.Write(packet, _output);
        }

        await _output.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    public void Start(MqttClientConnectionHandlers handlers, TimeSpan keepAlive)
    {
        _handlers = handlers;
        _writeLoop = Task.Run(WriteLoopAsync);
        _ = Task.Run(ReadLoopAsync);
        _ = Task.Run(DeliveryLoopAsync);
        if (keepAlive > TimeSpan.Zero)
        {
            _keepAlive = _options.TimeProvider.CreateTimer(_ => OnKeepAlive(), null, keepAlive, keepAlive);
        }
    }

    /// <summary>Queues an acknowledgement, ping or disconnect ahead of all data.</summary>
    public void SendControl(MqttPacket packet) => _control.Writer.TryWrite(new MqttOutgoingPacket(packet, null));

    /// <summary>Queues a PUBLISH, SUBSCRIBE or UNSUBSCRIBE, waiting while the bounded data queue is full.</summary>
    public async ValueTask SendDataAsync(MqttPacket packet, TaskCompletionSource? written, CancellationToken cancellationToken)
    {
        try
        {
            await _data.Writer.WriteAsync(new MqttOutgoingPacket(packet, written), cancellationToken).ConfigureAwait(false);
        }
        catch (ChannelClosedException exception)
        {
            throw new MqttConnectionClosedException("the connection closed before the packet was queued", exception);
        }
    }

    public async ValueTask EnqueueDeliveryAsync(MqttPublishPacket packet) =>
        await _deliveries.Writer.WriteAsync(packet, _abort.Token).ConfigureAwait(false);

    public async Task PingAsync(CancellationToken cancellationToken)
    {
        var waiter = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_pingLock)
        {
            _pingWaiters.Add(waiter);
        }

        SendControl(MqttPingReqPacket.Instance);
        await waiter.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    public void OnPingResponse()
    {
        TaskCompletionSource[] waiters;
        lock (_pingLock)
        {
            _pingOutstanding = false;
            waiters = [.. _pingWaiters];
            _pingWaiters.Clear();
        }

        foreach (var waiter in waiters)
        {
            waiter.TrySetResult();
        }
    }

    /// <summary>
    /// Ends the connection once: with a farewell packet the writer sends it (after queued control packets, never after
    /// more data) before the transport closes; without one the transport is aborted at once. Never awaited by the loops.
    /// </summary>
    public Task CloseAsync(Exception? error, MqttDisconnectPacket? farewell, bool clientInitiated)
    {
        if (Interlocked.Exchange(ref _closing, 1) == 0)
        {
            _error = error;
            ClientInitiatedClose = clientInitiated;
            _keepAlive?.Dispose();
            if (farewell is not null && _writeLoop is not null)
            {
                _control.Writer.TryWrite(new MqttOutgoingPacket(farewell, null));
            }
            else
            {
                _abort.Cancel();
            }

            _control.Writer.TryComplete();
            _data.Writer.TryComplete();
            _deliveries.Writer.TryComplete();
            _ = FinishAsync();
        }

        return _closed.Task;
    }

    private void OnKeepAlive()
    {
        bool lost;
        lock (_pingLock)
        {
            lost = _pingOutstanding;
            _pingOutstanding = true;
        }

        if (lost)
        {
            _ = CloseAsync(new MqttConnectionClosedException("no PINGRESP within the keep-alive interval"), null, false);
            return;
        }

        SendControl(MqttPingReqPacket.Instance);
    }

    private async Task FinishAsync()
    {
        try
        {
            if (_writeLoop is not null)
            {
                // The farewell gets the connect timeout to leave; a stuck transport is then cut.
                try
                {
                    await _writeLoop.WaitAsync(_options.ConnectTimeout, _options.TimeProvider).ConfigureAwait(false);
                }
                catch (TimeoutException)
                {
                }
            }

            _abort.Cancel();
            try
            {
                await _stream.DisposeAsync().ConfigureAwait(false);
            }
            catch (IOException)
            {
                // Closing a TLS stream whose peer is gone may fail to send close_notify; the socket is closed anyway.
            }

            var closed = new MqttConnectionClosedException("the connection closed", _error);
            while (_data.Reader.TryRead(out var item))
            {
                item.Written?.TrySetException(closed);
            }

            lock (_pingLock)
            {
                foreach (var waiter in _pingWaiters)
                {
                    waiter.TrySetException(closed);
                }

                _pingWaiters.Clear();
            }

            _handlers?.Closed(this, _error);
        }
        finally
        {
            _closed.TrySetResult();
        }
    }
}
