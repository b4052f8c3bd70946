using Visco.Mqtt.Packets;

namespace Visco.Mqtt.Client;

/// <summary>A message delivered to the client's handler; the acknowledgement is sent when the handler returns.</summary>
public sealed class MqttReceivedMessage(MqttPublishPacket packet)
{
    /// <summary>The PUBLISH as received, with every MQTT 5 property.</summary>
    public MqttPublishPacket Packet { get; } = packet;

    /// <summary>The topic name.</summary>
    public string Topic => Packet.Topic;

    /// <summary>The payload.</summary>
    public ReadOnlyMemory<byte> Payload => Packet.Payload;

    /// <summary>The QoS the message was delivered with.</summary>
    public MqttQualityOfService QualityOfService => Packet.QualityOfService;

    /// <summary>Whether the message came from the retained store.</summary>
    public bool Retain => Packet.Retain;

    /// <summary>Whether the server says it may have delivered this message before.</summary>
    public bool Dup => Packet.Dup;

    /// <summary>
    /// The reason code of the PUBACK (QoS 1) or PUBREC (QoS 2) sent after the handler; a handler sets a failure code
    /// to refuse the message (MQTT 5). A handler that throws answers Unspecified error. Ignored for QoS 0.
    /// </summary>
    public MqttPubAckReasonCode AcknowledgeReasonCode { get; set; }
}
