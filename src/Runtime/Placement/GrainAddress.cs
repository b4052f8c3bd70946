using Visco.Runtime.Abstractions;

namespace Visco.Runtime.Placement;

/// <summary>Where one activation of a grain lives.</summary>
public sealed record GrainAddress(GrainId GrainId, SiloAddress Silo, Guid ActivationId);
