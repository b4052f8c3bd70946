using Visco.Mqtt.Packets;

namespace Visco.Mqtt.Client;

public sealed partial class MqttClient
{
    /// <summary>
    /// Publishes a message. QoS 0 completes once the packet is written; QoS 1 when PUBACK arrives; QoS 2 when PUBCOMP
    /// arrives. New QoS 1/2 messages wait while the server's Receive Maximum of them is unacknowledged.
    /// </summary>
    /// <exception cref="MqttProtocolViolationException">
    /// The message breaks a rule or a server limit (topic, QoS above the server's maximum, retain unsupported, size).
    /// </exception>
    /// <exception cref="MqttConnectionClosedException">Not connected, or the session was lost before the acknowledgement.</exception>
    public async Task<MqttPublishResult> PublishAsync(MqttApplicationMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        var connection = RequireConnection();
        var packet = message.ToPacket();
        CheckServerLimits(packet);
        if (packet.QualityOfService == MqttQualityOfService.AtMostOnce)
        {
            EnsureFits(connection, packet);
            var written = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            await connection.SendDataAsync(packet, written, cancellationToken).ConfigureAwait(false);
            await written.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
            return new MqttPublishResult { QualityOfService = MqttQualityOfService.AtMostOnce };
        }

        await _inflight.WaitAsync(cancellationToken).ConfigureAwait(false);
        MqttOutgoingPublish entry;
        try
        {
            lock (_sync)
            {
                // Checked under the lock DiscardSession takes, so nothing is registered after disposal discarded it.
                ObjectDisposedException.ThrowIf(_disposed, this);
                packet.PacketId = AllocatePacketId();
                EnsureFits(connection, packet);
                entry = new MqttOutgoingPublish(packet, ++_sequence);
                _outgoing.Add(packet.PacketId, entry);
            }
        }
        catch
        {
            _inflight.Release();
            throw;
        }

        try
        {
            await connection.SendDataAsync(packet, null, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is OperationCanceledException || !SessionMayResume)
        {
            // Never queued, so never sent: forget it. (With a resumable session a closed connection keeps it for resend.)
            ForgetOutgoing(packet.PacketId, entry);
            throw;
        }

        return await entry.Completion.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Subscribes to one topic filter.</summary>
    public Task<MqttSubAckPacket> SubscribeAsync(
        string topicFilter, MqttQualityOfService maximumQoS, CancellationToken cancellationToken = default) =>
        SubscribeAsync(new MqttSubscribePacket { Subscriptions = [new MqttSubscription(topicFilter, maximumQoS)] }, cancellationToken);

    /// <summary>Sends SUBSCRIBE (the client sets its packet identifier) and returns the SUBACK.</summary>
    public async Task<MqttSubAckPacket> SubscribeAsync(MqttSubscribePacket subscribe, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(subscribe);
        return (MqttSubAckPacket)await RequestAsync(subscribe, id => subscribe.PacketId = id, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Unsubscribes from topic filters.</summary>
    public Task<MqttUnsubAckPacket> UnsubscribeAsync(string topicFilter, CancellationToken cancellationToken = default) =>
        UnsubscribeAsync(new MqttUnsubscribePacket { TopicFilters = [topicFilter] }, cancellationToken);

    /// <summary>Sends UNSUBSCRIBE (the client sets its packet identifier) and returns the UNSUBACK.</summary>
    public async Task<MqttUnsubAckPacket> UnsubscribeAsync(MqttUnsubscribePacket unsubscribe, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(unsubscribe);
        return (MqttUnsubAckPacket)await RequestAsync(unsubscribe, id => unsubscribe.PacketId = id, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Sends PINGREQ and waits for PINGRESP.</summary>
    public Task PingAsync(CancellationToken cancellationToken = default) => RequireConnection().PingAsync(cancellationToken);

    private async Task<MqttPacket> RequestAsync(MqttPacket request, Action<ushort> setId, CancellationToken cancellationToken)
    {
        var connection = RequireConnection();
        var response = new TaskCompletionSource<MqttPacket>(TaskCreationOptions.RunContinuationsAsynchronously);
        ushort id;
        lock (_sync)
        {
            id = AllocatePacketId();
            setId(id);
            connection.Writer.Measure(request);
            _requests.Add(id, response);
        }

        try
        {
            await connection.SendDataAsync(request, null, cancellationToken).ConfigureAwait(false);
            return await response.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            lock (_sync)
            {
                if (_requests.TryGetValue(id, out var current) && current == response)
                {
                    _requests.Remove(id);
                }
            }
        }
    }

    private void CheckServerLimits(MqttPublishPacket packet)
    {
        if (ConnAck is not { } connAck || _options.ProtocolVersion != MqttProtocolVersion.V500)
        {
            return;
        }

        if (packet.QualityOfService > connAck.MaximumQoS)
        {
            throw new MqttProtocolViolationException("MQTT-3.2.2-11", MqttDisconnectReasonCode.QoSNotSupported,
                $"the server supports QoS up to {(int)connAck.MaximumQoS}, not {(int)packet.QualityOfService}");
        }

        if (packet.Retain && !connAck.RetainAvailable)
        {
            throw new MqttProtocolViolationException("MQTT-3.2.2-14", MqttDisconnectReasonCode.RetainNotSupported,
                "the server does not support retained messages");
        }
    }

    private static void EnsureFits(MqttClientConnection connection, MqttPacket packet)
    {
        var size = connection.Writer.Measure(packet);
        if ((uint)size > connection.Writer.MaximumPacketSize)
        {
            throw new MqttProtocolViolationException("MQTT-3.2.2-15", MqttDisconnectReasonCode.PacketTooLarge,
                $"the packet is {size} bytes; the server accepts at most {connection.Writer.MaximumPacketSize}");
        }
    }

    private void ForgetOutgoing(ushort packetId, MqttOutgoingPublish entry)
    {
        bool removed;
        lock (_sync)
        {
            removed = _outgoing.TryGetValue(packetId, out var current) && current == entry && _outgoing.Remove(packetId);
        }

        if (removed)
        {
            _inflight.Release();
        }
    }
}
