using Visco.Mqtt;
using Visco.Mqtt.Packets;

namespace Visco.MqttFrontDoor.Connections;

/// <summary>Dispatch of packets after CONNECT, acknowledgements from the client, PINGREQ and DISCONNECT.</summary>
internal sealed partial class MqttServerConnection
{
    private Task HandlePacketAsync(MqttPacket packet)
    {
        var session = _session!;
        switch (packet)
        {
            case MqttPublishPacket publish:
                return HandlePublishAsync(publish);
            case MqttPubAckPacket ack:
                session.OnPubAck(ack.PacketId);
                return Task.CompletedTask;
            case MqttPubRecPacket rec:
                if (!session.OnPubRec(rec.PacketId, refused: (byte)rec.ReasonCode >= 0x80))
                {
                    SendControl(new MqttPubRelPacket { PacketId = rec.PacketId, ReasonCode = IsV5 ? MqttPubRelReasonCode.PacketIdentifierNotFound : MqttPubRelReasonCode.Success });
                }

                return Task.CompletedTask;
            case MqttPubRelPacket rel:
                var found = session.ReleaseQos2(rel.PacketId);
                SendControl(new MqttPubCompPacket { PacketId = rel.PacketId, ReasonCode = found || !IsV5 ? MqttPubCompReasonCode.Success : MqttPubCompReasonCode.PacketIdentifierNotFound });
                return Task.CompletedTask;
            case MqttPubCompPacket comp:
                session.OnPubComp(comp.PacketId);
                return Task.CompletedTask;
            case MqttSubscribePacket subscribe:
                return HandleSubscribeAsync(subscribe);
            case MqttUnsubscribePacket unsubscribe:
                return HandleUnsubscribeAsync(unsubscribe);
            case MqttPingReqPacket:
                SendControl(new MqttPingRespPacket());
                return Task.CompletedTask;
            case MqttDisconnectPacket disconnect:
                HandleDisconnect(disconnect);
                return Task.CompletedTask;
            case MqttAuthPacket:
                throw new MqttProtocolViolationException("MQTT-4.12.0-1", MqttDisconnectReasonCode.ProtocolError, "AUTH without an Authentication Method in CONNECT is a Protocol Error");
            default:
                throw new MqttProtocolViolationException("MQTT-2.1.2", MqttDisconnectReasonCode.ProtocolError, $"a client must not send {packet.PacketType.ToString().ToUpperInvariant()}");
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
