using Visco.Mqtt;
using Visco.Mqtt.Packets;

namespace Visco.MqttFrontDoor.Connections;

/// <summary>
/// Dispatch of packets after CONNECT. PUBLISHes are handled one after another, in the order received (so their
/// PUBACKs leave in that order [MQTT-4.6.0-2]), but the read loop does not wait for them: the client's acknowledgements
/// of what we send it (PUBACK, PUBREC, PUBCOMP) and PINGREQ are taken while a PUBLISH is still with the domain — an
/// analyser's PUBACK for its result must reach its session while its measurement waits for that very result to be
/// acknowledged or stored. Every other packet (PUBREL, SUBSCRIBE, UNSUBSCRIBE, DISCONNECT, ...) waits for the PUBLISHes
/// before it, as when everything ran in one line.
/// </summary>
internal sealed partial class MqttServerConnection
{
    private Task _publishes = Task.CompletedTask;
    private int _pendingPublishes;

    private Task HandlePacketAsync(MqttPacket packet)
    {
        var session = _session!;
        switch (packet)
        {
            case MqttPublishPacket publish:
                return PipelinePublish(publish);
            case MqttPubAckPacket ack:
                session.OnPubAck(ack.PacketId);
                return Task.CompletedTask;
            case MqttPubRecPacket rec:
                if (!session.OnPubRec(rec.PacketId, refused: (byte)rec.ReasonCode >= 0x80))
                {
                    SendControl(new MqttPubRelPacket { PacketId = rec.PacketId, ReasonCode = IsV5 ? MqttPubRelReasonCode.PacketIdentifierNotFound : MqttPubRelReasonCode.Success });
                }

                return Task.CompletedTask;
            case MqttPubCompPacket comp:
                session.OnPubComp(comp.PacketId);
                return Task.CompletedTask;
            case MqttPingReqPacket:
                SendControl(new MqttPingRespPacket());
                return Task.CompletedTask;
            default:
                return _publishes.IsCompleted ? HandleInOrderAsync(packet) : HandleAfterPublishesAsync(packet);
        }
    }

    private async Task HandleAfterPublishesAsync(MqttPacket packet)
    {
        await _publishes.ConfigureAwait(false);
        await HandleInOrderAsync(packet).ConfigureAwait(false);
    }

    private Task HandleInOrderAsync(MqttPacket packet)
    {
        var session = _session!;
        switch (packet)
        {
            case MqttPubRelPacket rel:
                var found = session.ReleaseQos2(rel.PacketId);
                SendControl(new MqttPubCompPacket { PacketId = rel.PacketId, ReasonCode = found || !IsV5 ? MqttPubCompReasonCode.Success : MqttPubCompReasonCode.PacketIdentifierNotFound });
                return Task.CompletedTask;
            case MqttSubscribePacket subscribe:
                return HandleSubscribeAsync(subscribe);
            case MqttUnsubscribePacket unsubscribe:
                return HandleUnsubscribeAsync(unsubscribe);
            case MqttDisconnectPacket disconnect:
                HandleDisconnect(disconnect);
                return Task.CompletedTask;
            case MqttAuthPacket:
                throw new MqttProtocolViolationException("MQTT-4.12.0-1", MqttDisconnectReasonCode.ProtocolError, "AUTH without an Authentication Method in CONNECT is a Protocol Error");
            default:
                throw new MqttProtocolViolationException("MQTT-2.1.2", MqttDisconnectReasonCode.ProtocolError, $"a client must not send {packet.PacketType.ToString().ToUpperInvariant()}");
        }
    }

    /// <summary>
    /// Chains the PUBLISH after the ones before it. The read loop waits only when more than our Receive Maximum are
    /// pending (then TCP pushes back on the client). A PUBLISH that fails (a protocol violation) wakes the read loop,
    /// which rethrows it, so the connection closes with its reason code even if the client sends nothing more.
    /// </summary>
    private Task PipelinePublish(MqttPublishPacket publish)
    {
        Interlocked.Increment(ref _pendingPublishes);
        _publishes = RunPublishAsync(_publishes, publish);
        return Volatile.Read(ref _pendingPublishes) > _broker.Options.ReceiveMaximum ? _publishes : Task.CompletedTask;
    }

    private async Task RunPublishAsync(Task previous, MqttPublishPacket publish)
    {
        try
        {
            await previous.ConfigureAwait(false);
            await HandlePublishAsync(publish).ConfigureAwait(false);
        }
        catch (Exception)
        {
            if (!IsClosing)
            {
                _context.Transport.Input.CancelPendingRead();
            }

            throw;
        }
        finally
        {
            Interlocked.Decrement(ref _pendingPublishes);
        }
    }

    /// <summary>At the end of the connection: lets the PUBLISHes still with the domain finish (their outcome no longer reaches the client).</summary>
    private async Task DrainPublishesAsync()
    {
        _session?.WriteDeferredNow();
        try
        {
            await _publishes.ConfigureAwait(false);
        }
        catch (Exception)
        {
            // Already surfaced by the read loop, or the connection is closing and nobody waits for the answer.
        }
    }

    private void HandleDisconnect(MqttDisconnectPacket disconnect)
    {
        if (IsV5 && disconnect.SessionExpiryInterval is { } expiry)
        {
            if (_session!.ExpiryInterval == 0 && expiry != 0)
            {
                throw new MqttProtocolViolationException("MQTT-3.14.2-2", MqttDisconnectReasonCode.ProtocolError, "Session Expiry Interval 0 in CONNECT cannot be changed in DISCONNECT");
            }

            _session.ExpiryInterval = (uint)Math.Min(expiry, _broker.Options.MaxSessionExpiry.TotalSeconds);
        }

        var withWill = disconnect.ReasonCode == MqttDisconnectReasonCode.DisconnectWithWillMessage;
        Close(null, $"client DISCONNECT ({disconnect.ReasonCode})", sendWill: withWill);
    }
}
