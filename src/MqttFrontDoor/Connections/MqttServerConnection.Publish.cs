using Visco.Grains.Interfaces.Ingress;
using Visco.Mqtt;
using Visco.Mqtt.Packets;
using Visco.MqttFrontDoor.Diagnostics;
using Visco.MqttFrontDoor.Security;
using Visco.MqttFrontDoor.Sessions;

namespace Visco.MqttFrontDoor.Connections;

/// <summary>
/// Inbound PUBLISH: topic aliases, Receive Maximum, rate, ACL, then the domain (device mode), provisioning, or the
/// router (open mode); the PUBACK/PUBREC leaves only when that returned, i.e. when what was accepted is durable.
/// </summary>
internal sealed partial class MqttServerConnection
{
    private readonly Dictionary<ushort, string> _topicAliases = [];
    private TokenBucket? _publishBucket;

    private async Task HandlePublishAsync(MqttPublishPacket publish)
    {
        ResolveTopicAlias(publish);
        var session = _session!;
        var qos = (int)publish.QualityOfService;
        var received = Task.CompletedTask;
        if (qos == 2 && !session.TryReceiveQos2(publish.PacketId, out received))
        {
            // A redelivery of a QoS 2 message already taken: acknowledge again, process nothing [MQTT-4.3.3-10].
            Acknowledge(publish, 0, null);
            return;
        }
        else if (qos == 2)
        {
            if (session.IncomingQos2Count > _broker.Options.ReceiveMaximum)
            {
                throw new MqttProtocolViolationException("MQTT-3.3.4-9", MqttDisconnectReasonCode.ReceiveMaximumExceeded, $"more than {_broker.Options.ReceiveMaximum} QoS 2 publishes awaiting PUBREL");
            }
        }

        if (!_publishBucket!.TryTake())
        {
            _broker.Metrics.Rejected("publish_rate");
            if (!IsV5)
            {
                Close(null, "publish rate exceeded", sendWill: true);
                return;
            }

            if (qos == 0)
            {
                Close(MqttDisconnectReasonCode.MessageRateTooHigh, "publish rate exceeded", sendWill: true);
                return;
            }

            Acknowledge(publish, 0x97, "publish rate exceeded");
            return;
        }

        if (!TopicAcl.MayPublish(_identity!, publish.Topic))
        {
            _broker.Metrics.Rejected("acl_publish");
            MqttLog.Refused(_broker.Logger, session.ClientId, _context.RemoteEndPoint, publish.Topic, "publish not allowed");
            if (!IsV5)
            {
                Close(null, $"publish to {publish.Topic} not allowed", sendWill: false);
                return;
            }

            Acknowledge(publish, 0x87, "topic not allowed for this client");
            return;
        }

        var (code, reason) = await DispatchAsync(publish).ConfigureAwait(false);
        if (code is null)
        {
            return;
        }

        if (code.Value < 0x80)
        {
            // A persistent session has stored the QoS 2 id before PUBREC, so a resend after a restart is not processed twice.
            await received.ConfigureAwait(false);
        }

        Acknowledge(publish, code.Value, reason);
    }

    private async Task<(byte? Code, string? Reason)> DispatchAsync(MqttPublishPacket publish)
    {
        var identity = _identity!;
        if (IsCsrTopic(publish.Topic, identity.ClientId))
        {
            await _broker.Provisioning.HandleCsrAsync(identity, publish.Payload, _closing.Token).ConfigureAwait(false);
            return (0, null);
        }

        if (identity.Kind == ClientIdentityKind.Anonymous)
        {
            var message = BrokerMessage.FromPublish(publish, identity.ClientId, _time.GetUtcNow());
            var recipients = await _broker.Router.PublishAsync(message, _closing.Token).ConfigureAwait(false);
            return (recipients == 0 && IsV5 ? (byte)0x10 : (byte)0, null);
        }

        var topic = TopicAcl.ClassifyDeviceTopic(identity.ClientId, publish.Topic)!;
        if (_broker.Handler is not { } handler)
        {
            return (0x80, "no device message handler");
        }

        DeviceMessageResult result;
        try
        {
            var message = new DeviceMessage(identity.ClientId, identity.HospitalId!, topic.Kind, topic.CommandId, publish.Payload, _time.GetUtcNow(), (int)_connect!.ProtocolVersion);
            result = await handler.HandleAsync(message, _closing.Token).ConfigureAwait(false);
            foreach (var reply in result.Replies)
            {
                await _broker.Router.PublishAsync(DeviceConnections.ToBrokerMessage(reply, _time.GetUtcNow()), _closing.Token).ConfigureAwait(false);
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            MqttLog.HandlerFailed(_broker.Logger, exception, identity.ClientId);
            result = new DeviceMessageResult(DeviceMessageStatus.Failed, "server error", []);
        }

        if (!IsV5 && result.Status is DeviceMessageStatus.Failed or DeviceMessageStatus.Busy && publish.QualityOfService != MqttQualityOfService.AtMostOnce)
        {
            // 3.1.1 has no negative PUBACK: not acknowledging and closing makes the analyser resend later.
            Close(null, $"device message not taken ({result.Status})", sendWill: false);
            return (null, null);
        }

        var code = result.Status switch
        {
            DeviceMessageStatus.Accepted or DeviceMessageStatus.Duplicate => (byte)0x00,
            DeviceMessageStatus.InvalidPayload => (byte)0x99,
            DeviceMessageStatus.NotAuthorized => (byte)0x87,
            DeviceMessageStatus.Busy => (byte)0x97,
            _ => (byte)0x80,
        };
        return (code, result.Reason);
    }

    // provisioning/{clientId}/csr, compared in place: this runs for every PUBLISH, so it must not build the string.
    private static bool IsCsrTopic(string topic, string clientId)
    {
        const string prefix = "provisioning/";
        const string suffix = "/csr";
        return topic.Length == prefix.Length + clientId.Length + suffix.Length
            && topic.StartsWith(prefix, StringComparison.Ordinal)
            && topic.EndsWith(suffix, StringComparison.Ordinal)
            && topic.AsSpan(prefix.Length, clientId.Length).SequenceEqual(clientId);
    }

    private void Acknowledge(MqttPublishPacket publish, byte code, string? reason)
    {
        var reasonString = IsV5 && _connect!.RequestProblemInformation ? reason : null;
        if (publish.QualityOfService == MqttQualityOfService.AtLeastOnce)
        {
            SendControl(new MqttPubAckPacket { PacketId = publish.PacketId, ReasonCode = (MqttPubAckReasonCode)code, ReasonString = reasonString });
        }
        else if (publish.QualityOfService == MqttQualityOfService.ExactlyOnce)
        {
            if (code >= 0x80)
            {
                _session!.ReleaseQos2(publish.PacketId);
            }

            SendControl(new MqttPubRecPacket { PacketId = publish.PacketId, ReasonCode = (MqttPubRecReasonCode)code, ReasonString = reasonString });
        }
    }

    private void ResolveTopicAlias(MqttPublishPacket publish)
    {
        if (!IsV5 || publish.TopicAlias == 0)
        {
            return;
        }

        if (publish.TopicAlias > _broker.Options.TopicAliasMaximum)
        {
            throw new MqttProtocolViolationException("MQTT-3.3.2-9", MqttDisconnectReasonCode.TopicAliasInvalid, $"topic alias {publish.TopicAlias} is above our Topic Alias Maximum {_broker.Options.TopicAliasMaximum}");
        }

        if (publish.Topic.Length > 0)
        {
            _topicAliases[publish.TopicAlias] = publish.Topic;
        }
        else if (_topicAliases.TryGetValue(publish.TopicAlias, out var topic))
        {
            publish.Topic = topic;
        }
        else
        {
            throw new MqttProtocolViolationException("MQTT-3.3.4-7", MqttDisconnectReasonCode.ProtocolError, $"topic alias {publish.TopicAlias} was never set on this connection");
        }
    }
}
