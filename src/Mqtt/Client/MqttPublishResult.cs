using Visco.Mqtt.Packets;

namespace Visco.Mqtt.Client;

/// <summary>The outcome of a publish: for QoS 1 the PUBACK, for QoS 2 the PUBREC and PUBCOMP, for QoS 0 only "written".</summary>
public sealed class MqttPublishResult
{
    /// <summary>The packet identifier used (0 for QoS 0).</summary>
    public ushort PacketId { get; init; }

    /// <summary>The QoS the message was sent with.</summary>
    public MqttQualityOfService QualityOfService { get; init; }

    /// <summary>The PUBACK (QoS 1) or PUBREC (QoS 2) reason code; always success in MQTT 3.1.1 and for QoS 0.</summary>
    public MqttPubAckReasonCode ReasonCode { get; init; }

    /// <summary>The PUBCOMP reason code of a QoS 2 exchange.</summary>
    public MqttPubCompReasonCode CompletionReasonCode { get; init; }

    /// <summary>The server's reason string, if any. Only in MQTT 5.</summary>
    public string? ReasonString { get; init; }

    /// <summary>The acknowledgement's user properties. Only in MQTT 5.</summary>
    public IList<MqttUserProperty> UserProperties { get; init; } = [];

    /// <summary>Whether the server accepted the message.</summary>
    public bool IsSuccess => (byte)ReasonCode < 0x80 && CompletionReasonCode == MqttPubCompReasonCode.Success;
}
