using Visco.Runtime.Abstractions;

namespace Visco.Runtime.Placement;

/// <summary>Chooses the silo a new activation goes to (the cluster places a DeviceGrain next to its MQTT connection).</summary>
public interface IPlacementDirector
{
    /// <summary>The silo for a new activation of the grain, among the live ones.</summary>
    SiloAddress Place(GrainId grainId, IReadOnlyList<SiloAddress> liveSilos, SiloAddress caller);
}
