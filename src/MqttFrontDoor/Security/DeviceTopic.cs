using Visco.Grains.Interfaces.Ingress;

namespace Visco.MqttFrontDoor.Security;

/// <summary>A device's own publish topic, classified.</summary>
/// <param name="Kind">Measurement, state or command reply.</param>
/// <param name="CommandId">The command id of a reply.</param>
public sealed record DeviceTopic(DeviceMessageKind Kind, string? CommandId);
