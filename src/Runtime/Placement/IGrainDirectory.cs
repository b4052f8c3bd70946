using Visco.Runtime.Abstractions;

namespace Visco.Runtime.Placement;

/// <summary>
/// The grain directory: the single source of truth for where a grain is active, so that at most one activation exists.
/// In one silo it is a dictionary; in the cluster (DESIGN.md section 11) a unique row per grain in PostgreSQL.
/// </summary>
public interface IGrainDirectory
{
    /// <summary>Registers an activation unless another is registered; returns the registered one (this or the other).</summary>
    ValueTask<GrainAddress> RegisterAsync(GrainAddress address, CancellationToken cancellationToken = default);

    /// <summary>The registered activation of a grain, or null.</summary>
    ValueTask<GrainAddress?> LookupAsync(GrainId grainId, CancellationToken cancellationToken = default);

    /// <summary>Removes the registration if it is still this activation's.</summary>
    ValueTask UnregisterAsync(GrainAddress address, CancellationToken cancellationToken = default);
}
