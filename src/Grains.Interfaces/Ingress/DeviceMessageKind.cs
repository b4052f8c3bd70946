namespace Visco.Grains.Interfaces.Ingress;

/// <summary>What a device published, by topic.</summary>
public enum DeviceMessageKind
{
    /// <summary><c>devices/{id}/measurements</c>: a raw sweep.</summary>
    Measurement = 0,

    /// <summary><c>devices/{id}/state</c>: firmware, configuration version, status.</summary>
    State = 1,

    /// <summary><c>devices/{id}/commands/{commandId}/reply</c>: the outcome of a command.</summary>
    CommandReply = 2,
}
