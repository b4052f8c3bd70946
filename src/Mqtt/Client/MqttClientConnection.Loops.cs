using System.Buffers;

using Visco.Mqtt.Packets;

namespace Visco.Mqtt.Client;

internal sealed partial class MqttClientConnection
{
    private const int FlushThreshold = 64 * 1024;

    private async Task ReadLoopAsync()
    {
        try
        {
            while (true)
            {
                var result = await _input.ReadAsync(_abort.Token).ConfigureAwait(false);
                var buffer = result.Buffer;
                try
                {
                    while (Reader.TryRead(ref buffer, out var packet) == OperationStatus.Done)
                    {
                        await _handlers!.Packet(this, packet!).ConfigureAwait(false);
                    }
                }
                finally
                {
                    _input.AdvanceTo(buffer.Start, buffer.End);
                }

                if (result.IsCompleted)
                {
                    _ = CloseAsync(new MqttConnectionClosedException("the server closed the connection"), null, false);
                    return;
                }
            }
        }
        catch (MqttProtocolViolationException violation)
        {
            // MQTT 5 names the broken rule to the server before closing (§4.13.1); 3.1.1 just closes.
            var farewell = _options.ProtocolVersion == MqttProtocolVersion.V500
                ? new MqttDisconnectPacket { ReasonCode = violation.ReasonCode }
                : null;
            _ = CloseAsync(violation, farewell, false);
        }
        catch (Exception exception)
        {
            _ = CloseAsync(exception, null, false);
        }
    }

    private async Task WriteLoopAsync()
    {
        var written = new List<TaskCompletionSource>();
        var token = _abort.Token;
        try
        {
            while (true)
            {
                // Control first, always; data only while the connection is not closing.
                if (_control.Reader.TryRead(out var item) || (IsOpen && _data.Reader.TryRead(out item)))
                {
                    Writer.Write(item.Packet, _output);
                    if (item.Written is not null)
                    {
                        written.Add(item.Written);
                    }

                    if (_output.UnflushedBytes < FlushThreshold)
                    {
                        continue;
                    }
                }

                if (_output.UnflushedBytes > 0)
                {
                    await _output.FlushAsync(token).ConfigureAwait(false);
                    foreach (var done in written)
                    {
                        done.TrySetResult();
                    }

                    written.Clear();
                    continue;
                }

                if (_control.Reader.Completion.IsCompleted)
                {
                    return;
                }

                await Task.WhenAny(
                    _control.Reader.WaitToReadAsync(token).AsTask(),
                    _data.Reader.WaitToReadAsync(token).AsTask()).ConfigureAwait(false);
                token.ThrowIfCancellationRequested();
            }
        }
        catch (Exception exception)
        {
            foreach (var pending in written)
            {
                pending.TrySetException(new MqttConnectionClosedException("the connection closed while writing", exception));
            }

            _ = CloseAsync(exception, null, false);
        }
    }

    private async Task DeliveryLoopAsync()
    {
        try
        {
            while (await _deliveries.Reader.WaitToReadAsync(CancellationToken.None).ConfigureAwait(false))
            {
                // Once closed, what is still queued is dropped with the connection (unacknowledged QoS 1/2 messages come
                // again after a reconnect). Leaving instead of waiting matters: with items queued, WaitToReadAsync
                // returns at once, so looping on a closed connection would spin a core.
                if (!IsOpen)
                {
                    return;
                }

                while (IsOpen && _deliveries.Reader.TryRead(out var packet))
                {
                    await _handlers!.Delivery(this, packet, _abort.Token).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (Exception exception)
        {
            _ = CloseAsync(exception, null, false);
        }
    }
}
