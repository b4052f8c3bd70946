using Visco.Mqtt.Packets;

namespace Visco.Mqtt.Client;

public sealed partial class MqttClient
{
    /// <summary>Handles one packet from the read loop; acknowledgements go to the control queue.</summary>
    private async ValueTask OnPacketAsync(MqttClientConnection connection, MqttPacket packet)
    {
        switch (packet)
        {
            case MqttPublishPacket publish:
                await OnPublishAsync(connection, publish).ConfigureAwait(false);
                break;
            case MqttPubAckPacket pubAck:
                CompleteQoS1(pubAck);
                break;
            case MqttPubRecPacket pubRec:
                OnPubRec(connection, pubRec);
                break;
            case MqttPubCompPacket pubComp:
                CompleteQoS2(pubComp);
                break;
            case MqttPubRelPacket pubRel:
                bool known;
                lock (_sync)
                {
                    known = _incomingQoS2.Remove(pubRel.PacketId);
                }

                connection.SendControl(new MqttPubCompPacket
                {
                    PacketId = pubRel.PacketId,
                    ReasonCode = known ? MqttPubCompReasonCode.Success : MqttPubCompReasonCode.PacketIdentifierNotFound,
                });
                break;
            case MqttSubAckPacket or MqttUnsubAckPacket:
                CompleteRequest(packet);
                break;
            case MqttPingRespPacket:
                connection.OnPingResponse();
                break;
            case MqttDisconnectPacket disconnect:
                _ = connection.CloseAsync(new MqttConnectionClosedException(disconnect), null, clientInitiated: false);
                break;
            default:
                throw new MqttProtocolViolationException("§2.1.2", MqttDisconnectReasonCode.ProtocolError,
                    $"a server does not send {packet.PacketType} to a client");
        }
    }

    private async ValueTask OnPublishAsync(MqttClientConnection connection, MqttPublishPacket publish)
    {
        if (publish.TopicAlias != 0)
        {
            // This client announces Topic Alias Maximum 0, so any alias from the server is invalid.
            throw new MqttProtocolViolationException("MQTT-3.1.2-27", MqttDisconnectReasonCode.TopicAliasInvalid,
                "the server sent a Topic Alias although the client accepts none");
        }

        if (publish.QualityOfService == MqttQualityOfService.AtMostOnce)
        {
            await connection.EnqueueDeliveryAsync(publish).ConfigureAwait(false);
            return;
        }

        lock (_sync)
        {
            if (publish.QualityOfService == MqttQualityOfService.ExactlyOnce && _incomingQoS2.Contains(publish.PacketId))
            {
                // Already delivered (method B of §4.3.3): answer again, do not deliver twice.
                connection.SendControl(new MqttPubRecPacket { PacketId = publish.PacketId });
                return;
            }

            // Unacknowledged QoS 1 and QoS 2 messages awaiting PUBCOMP count against the Receive Maximum we announced.
            if (_options.ProtocolVersion == MqttProtocolVersion.V500
                && _incomingQoS2.Count + Volatile.Read(ref _incomingQoS1) >= _options.ReceiveMaximum)
            {
                throw new MqttProtocolViolationException("MQTT-3.3.4-9", MqttDisconnectReasonCode.ReceiveMaximumExceeded,
                    $"the server sent more than the Receive Maximum of {_options.ReceiveMaximum} unacknowledged QoS 1/2 messages");
            }

            if (publish.QualityOfService == MqttQualityOfService.ExactlyOnce)
            {
                _incomingQoS2.Add(publish.PacketId);
            }
            else
            {
                Interlocked.Increment(ref _incomingQoS1);
            }
        }

        await connection.EnqueueDeliveryAsync(publish).ConfigureAwait(false);
    }

    /// <summary>Runs the message handler, then acknowledges: acks follow processing, so a crash means redelivery, not loss.</summary>
    private async ValueTask DeliverAsync(MqttClientConnection connection, MqttPublishPacket publish, CancellationToken cancellationToken)
    {
        var message = new MqttReceivedMessage(publish);
        if (MessageReceived is { } handler)
        {
            try
            {
                await handler(message, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception)
            {
                // The handler's failure is the application's; the server learns only that the message was refused.
                message.AcknowledgeReasonCode = MqttPubAckReasonCode.UnspecifiedError;
            }
        }

        var code = _options.ProtocolVersion == MqttProtocolVersion.V500
            ? message.AcknowledgeReasonCode
            : MqttPubAckReasonCode.Success;
        switch (publish.QualityOfService)
        {
            case MqttQualityOfService.AtLeastOnce:
                Interlocked.Decrement(ref _incomingQoS1);
                connection.SendControl(new MqttPubAckPacket { PacketId = publish.PacketId, ReasonCode = code });
                break;
            case MqttQualityOfService.ExactlyOnce:
                if ((byte)code >= 0x80)
                {
                    lock (_sync)
                    {
                        _incomingQoS2.Remove(publish.PacketId);
                    }
                }

                connection.SendControl(new MqttPubRecPacket { PacketId = publish.PacketId, ReasonCode = (MqttPubRecReasonCode)code });
                break;
        }
    }

    private void CompleteQoS1(MqttPubAckPacket pubAck)
    {
        MqttOutgoingPublish? entry;
        lock (_sync)
        {
            if (!_outgoing.TryGetValue(pubAck.PacketId, out entry)
                || entry.Packet.QualityOfService != MqttQualityOfService.AtLeastOnce)
            {
                return;
            }

            _outgoing.Remove(pubAck.PacketId);
        }

        _inflight.Release();
        entry.Completion.TrySetResult(new MqttPublishResult
        {
            PacketId = pubAck.PacketId,
            QualityOfService = MqttQualityOfService.AtLeastOnce,
            ReasonCode = pubAck.ReasonCode,
            ReasonString = pubAck.ReasonString,
            UserProperties = pubAck.UserProperties,
        });
    }

    private void OnPubRec(MqttClientConnection connection, MqttPubRecPacket pubRec)
    {
        MqttOutgoingPublish? failed = null;
        var found = false;
        lock (_sync)
        {
            if (_outgoing.TryGetValue(pubRec.PacketId, out var entry)
                && entry.Packet.QualityOfService == MqttQualityOfService.ExactlyOnce)
            {
                found = true;
                if ((byte)pubRec.ReasonCode >= 0x80)
                {
                    // A failing PUBREC ends the exchange: no PUBREL follows (§4.3.3).
                    _outgoing.Remove(pubRec.PacketId);
                    failed = entry;
                }
                else
                {
                    entry.Released = true;
                    entry.PubRec = pubRec;
                }
            }
        }

        if (failed is not null)
        {
            _inflight.Release();
            failed.Completion.TrySetResult(new MqttPublishResult
            {
                PacketId = pubRec.PacketId,
                QualityOfService = MqttQualityOfService.ExactlyOnce,
                ReasonCode = (MqttPubAckReasonCode)pubRec.ReasonCode,
                ReasonString = pubRec.ReasonString,
                UserProperties = pubRec.UserProperties,
            });
            return;
        }

        connection.SendControl(new MqttPubRelPacket
        {
            PacketId = pubRec.PacketId,
            ReasonCode = found ? MqttPubRelReasonCode.Success : MqttPubRelReasonCode.PacketIdentifierNotFound,
        });
    }

    private void CompleteQoS2(MqttPubCompPacket pubComp)
    {
        MqttOutgoingPublish? entry;
        lock (_sync)
        {
            if (!_outgoing.TryGetValue(pubComp.PacketId, out entry) || !entry.Released)
            {
                return;
            }

            _outgoing.Remove(pubComp.PacketId);
        }

        _inflight.Release();
        entry.Completion.TrySetResult(new MqttPublishResult
        {
            PacketId = pubComp.PacketId,
            QualityOfService = MqttQualityOfService.ExactlyOnce,
            ReasonCode = (MqttPubAckReasonCode)(entry.PubRec?.ReasonCode ?? MqttPubRecReasonCode.Success),
            CompletionReasonCode = pubComp.ReasonCode,
            ReasonString = pubComp.ReasonString ?? entry.PubRec?.ReasonString,
            UserProperties = pubComp.UserProperties,
        });
    }

    private void CompleteRequest(MqttPacket response)
    {
        var id = response is MqttSubAckPacket subAck ? subAck.PacketId : ((MqttUnsubAckPacket)response).PacketId;
        TaskCompletionSource<MqttPacket>? request;
        lock (_sync)
        {
            if (!_requests.Remove(id, out request))
            {
                return;
            }
        }

        request.TrySetResult(response);
    }
}
