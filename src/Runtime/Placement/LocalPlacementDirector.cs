using Visco.Runtime.Abstractions;

namespace Visco.Runtime.Placement;

/// <summary>Places every activation on the calling silo (the only placement a single silo has).</summary>
public sealed class LocalPlacementDirector : IPlacementDirector
{
    /// <inheritdoc />
    public SiloAddress Place(GrainId grainId, IReadOnlyList<SiloAddress> liveSilos, SiloAddress caller) => caller;
}
