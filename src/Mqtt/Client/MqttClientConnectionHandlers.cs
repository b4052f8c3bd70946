using Visco.Mqtt.Packets;

namespace Visco.Mqtt.Client;

/// <summary>What a connection calls back into its client: each received packet, each delivery, and its end.</summary>
internal sealed record MqttClientConnectionHandlers(
    Func<MqttClientConnection, MqttPacket, ValueTask> Packet,
    Func<MqttClientConnection, MqttPublishPacket, CancellationToken, ValueTask> Delivery,
    Action<MqttClientConnection, Exception?> Closed);
