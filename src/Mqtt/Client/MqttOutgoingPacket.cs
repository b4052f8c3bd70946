using Visco.Mqtt.Packets;

namespace Visco.Mqtt.Client;

/// <summary>A packet queued for the writer loop; <paramref name="Written"/> completes once it is flushed to the transport.</summary>
internal readonly record struct MqttOutgoingPacket(MqttPacket Packet, TaskCompletionSource? Written);
