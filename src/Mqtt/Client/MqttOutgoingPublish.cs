using Visco.Mqtt.Packets;

namespace Visco.Mqtt.Client;

/// <summary>Session state of one QoS 1/2 publication until its last acknowledgement (MQTT 5.0 §4.3, §4.4).</summary>
internal sealed class MqttOutgoingPublish(MqttPublishPacket packet, long sequence)
{
    public MqttPublishPacket Packet { get; } = packet;

    /// <summary>Order of first sending, kept for resending in the original order after a reconnect [MQTT-4.6.0-1].</summary>
    public long Sequence { get; } = sequence;

    /// <summary>True once PUBREC arrived and PUBREL was sent: a resume resends PUBREL, not PUBLISH.</summary>
    public bool Released { get; set; }

    public MqttPubRecPacket? PubRec { get; set; }

    public TaskCompletionSource<MqttPublishResult> Completion { get; } =
        new(TaskCreationOptions.RunContinuationsAsynchronously);
}
