using Visco.MqttFrontDoor.Diagnostics;

namespace Visco.MqttFrontDoor.Sessions;

/// <summary>What every session shares: options, clock and metrics.</summary>
internal sealed record MqttSessionOwner(MqttFrontDoorOptions Options, TimeProvider Time, MqttMetrics Metrics);
