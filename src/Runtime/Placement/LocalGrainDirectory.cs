using System.Collections.Concurrent;
using Visco.Runtime.Abstractions;

namespace Visco.Runtime.Placement;

/// <summary>The directory of a single silo: every registration succeeds unless the grain is already registered.</summary>
public sealed class LocalGrainDirectory : IGrainDirectory
{
    private readonly ConcurrentDictionary<GrainId, GrainAddress> _entries = new();

    /// <summary>Registered grains.</summary>
    public int Count => _entries.Count;

    /// <inheritdoc />
    public ValueTask<GrainAddress> RegisterAsync(GrainAddress address, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(_entries.GetOrAdd(address.GrainId, address));

    /// <inheritdoc />
    public ValueTask<GrainAddress?> LookupAsync(GrainId grainId, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(_entries.GetValueOrDefault(grainId));

    /// <inheritdoc />
    public ValueTask UnregisterAsync(GrainAddress address, CancellationToken cancellationToken = default)
    {
        _entries.TryRemove(new KeyValuePair<GrainId, GrainAddress>(address.GrainId, address));
        return ValueTask.CompletedTask;
    }
}
