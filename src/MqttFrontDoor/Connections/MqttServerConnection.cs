using System.Buffers;
using System.IO.Pipelines;
using Microsoft.AspNetCore.Connections;
using Visco.Mqtt;
using Visco.Mqtt.Codec;
using Visco.Mqtt.Packets;
using Visco.MqttFrontDoor.Diagnostics;
using Visco.MqttFrontDoor.Security;
using Visco.MqttFrontDoor.Sessions;

namespace Visco.MqttFrontDoor.Connections;

/// <summary>
/// One client connection: CONNECT under a timeout, then a read loop (this method's task) and a writer loop draining
/// <see cref="MqttOutbox"/>. Packets are handled one at a time in the read loop, so per-connection state needs no
/// lock; other threads reach the connection only through <see cref="IMqttSessionSink"/> and <see cref="Close"/>.
/// </summary>
internal sealed partial class MqttServerConnection : IMqttSessionSink
{
    private static readonly string[] PacketNames = [.. Enumerable.Range(0, 16).Select(i => ((MqttPacketType)i).ToString().ToUpperInvariant())];

    private readonly ConnectionContext _context;
    private readonly MqttBroker _broker;
    private readonly string _listener;
    private readonly MqttOutbox _outbox;
    private readonly CancellationTokenSource _closing = new();
    private readonly TimeProvider _time;
    private MqttPacketReader? _reader;
    private MqttPacketWriter? _writer;
    private MqttConnectPacket? _connect;
    private ClientIdentity? _identity;
    private MqttSession? _session;
    private Task _writeLoop = Task.CompletedTask;
    private string _clientId = "-";
    private int _closed;
    private string _closeReason = "connection lost";
    private bool _sendWill = true;
    private bool _takenOver;
    private long _lastReceived;
    private int _sendQuota = ushort.MaxValue;

    public MqttServerConnection(ConnectionContext context, MqttBroker broker, string listener)
    {
        _context = context;
        _broker = broker;
        _listener = listener;
        _time = broker.Time;
        _outbox = new MqttOutbox(broker.Options.OutgoingQueueCapacity, broker.Options.OutgoingQueueCapacity + broker.Options.ReceiveMaximum + 16);
        _lastReceived = _time.GetTimestamp();
    }

    public int SendQuota => _sendQuota;

    private bool IsV5 => _connect?.ProtocolVersion == MqttProtocolVersion.V500;

    private bool IsClosing => Volatile.Read(ref _closed) != 0;

    public async Task RunAsync()
    {
        _broker.Metrics.ConnectionOpened(_listener, 1);
        try
        {
            if (await ConnectAsync().ConfigureAwait(false))
            {
                await ReadLoopAsync().ConfigureAwait(false);
            }
        }
        catch (MqttProtocolViolationException violation)
        {
            MqttLog.ProtocolViolation(_broker.Logger, _clientId, _context.RemoteEndPoint, violation.Message);
            _broker.Metrics.Rejected(violation.ReasonCode.ToString());
            Close(violation.ReasonCode, violation.Message, sendWill: true);
        }
        catch (OperationCanceledException) when (_closing.IsCancellationRequested)
        {
            // Closed by us (timeout, takeover, revocation, slow reader): the reason is already recorded.
        }
        catch (Exception exception) when (exception is IOException or ConnectionResetException or ConnectionAbortedException or ObjectDisposedException)
        {
            Close(null, "connection lost", sendWill: true);
        }
        catch (Exception exception)
        {
            MqttLog.ConnectionFailed(_broker.Logger, exception, _clientId, _context.RemoteEndPoint);
            Close(MqttDisconnectReasonCode.UnspecifiedError, "server error", sendWill: true);
        }
        finally
        {
            await FinishAsync().ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Starts closing (once): a farewell DISCONNECT for MQTT 5 clients when a reason code is given, queued data
    /// dropped, the read loop cancelled. Safe from any thread; the cancellation runs on the thread pool so a caller
    /// holding a session lock never runs the connection's clean-up inline.
    /// </summary>
    public void Close(MqttDisconnectReasonCode? reasonCode, string reason, bool sendWill)
    {
        if (Interlocked.Exchange(ref _closed, 1) != 0)
        {
            return;
        }

        _closeReason = reason;
        _sendWill = sendWill;
        _outbox.DropData();
        if (reasonCode is { } code && IsV5 && _session is not null)
        {
            var farewell = new MqttDisconnectPacket { ReasonCode = code };
            if (_connect!.RequestProblemInformation)
            {
                farewell.ReasonString = reason.Length > 200 ? reason[..200] : reason;
            }

            _outbox.TryEnqueueControl(farewell);
        }

        _outbox.Complete();
        ThreadPool.UnsafeQueueUserWorkItem(static cts => cts.Cancel(), _closing, preferLocal: false);
    }

    public MqttSendResult TrySendPublish(MqttPublishPacket publish)
    {
        if (_writer!.Measure(publish) > _writer.MaximumPacketSize)
        {
            _broker.Metrics.Rejected("packet_too_large_for_client");
            return MqttSendResult.TooLarge;
        }

        if (_outbox.TryEnqueueData(publish))
        {
            return MqttSendResult.Queued;
        }

        if (!IsClosing)
        {
            _broker.Metrics.Rejected("slow_reader");
            Close(MqttDisconnectReasonCode.QuotaExceeded, "outgoing queue full: the client does not read", sendWill: true);
        }

        return MqttSendResult.NotQueued;
    }

    public void SendControl(MqttPacket packet)
    {
        if (!_outbox.TryEnqueueControl(packet) && !IsClosing)
        {
            _broker.Metrics.Rejected("slow_reader");
            Close(MqttDisconnectReasonCode.QuotaExceeded, "control queue full: the client does not read", sendWill: true);
        }
    }

    public void TakeOver()
    {
        _takenOver = true;
        Close(MqttDisconnectReasonCode.SessionTakenOver, "session taken over by a new connection", sendWill: false);
    }

    public void CutOff(string reason) => Close(MqttDisconnectReasonCode.NotAuthorized, reason, sendWill: false);

    private async Task ReadLoopAsync()
    {
        var input = _context.Transport.Input;
        while (true)
        {
            if (!input.TryRead(out var result))
            {
                result = await input.ReadAsync(_closing.Token).ConfigureAwait(false);
            }

            var buffer = result.Buffer;
            if (_publishes.IsFaulted || _publishes.IsCanceled)
            {
                // A pipelined PUBLISH failed (and cancelled this read): its exception closes the connection.
                input.AdvanceTo(buffer.Start);
                await _publishes.ConfigureAwait(false);
            }

            if (!buffer.IsEmpty)
            {
                Volatile.Write(ref _lastReceived, _time.GetTimestamp());
            }

            var consumedAll = false;
            try
            {
                while (!IsClosing)
                {
                    var before = buffer.Length;
                    if (_reader!.TryRead(ref buffer, out var packet) != OperationStatus.Done)
                    {
                        consumedAll = true;
                        break;
                    }

                    _broker.Metrics.PacketIn(PacketNames[(int)packet!.PacketType], before - buffer.Length);
                    await HandlePacketAsync(packet).ConfigureAwait(false);
                }
            }
            finally
            {
                // Examined up to the end only when what is left is an incomplete packet; otherwise the next read
                // must return at once with the packets still buffered.
                input.AdvanceTo(buffer.Start, consumedAll ? buffer.End : buffer.Start);
            }

            if (IsClosing)
            {
                return;
            }

            if (result.IsCompleted || result.IsCanceled)
            {
                Close(null, "connection closed by the client without DISCONNECT", sendWill: true);
                return;
            }
        }
    }

    private async Task WriteLoopAsync()
    {
        var output = _context.Transport.Output;
        try
        {
            while (await _outbox.WaitAsync().ConfigureAwait(false))
            {
                while (_outbox.TryDequeue(out var packet))
                {
                    var size = _writer!.Write(packet, output);
                    _broker.Metrics.PacketOut(PacketNames[(int)packet.PacketType], size);
                }

                var flush = await output.FlushAsync().ConfigureAwait(false);
                if (flush.IsCompleted || flush.IsCanceled)
                {
                    return;
                }
            }
        }
        catch (Exception exception) when (exception is IOException or ConnectionResetException or ConnectionAbortedException or InvalidOperationException or ObjectDisposedException or MqttProtocolViolationException)
        {
            // The transport is gone; the read side notices and cleans up.
        }
        finally
        {
            Close(null, "connection lost", sendWill: true);
        }
    }
}
