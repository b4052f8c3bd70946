namespace Visco.Runtime.Abstractions.Storage;

/// <summary>
/// Stores serialized grain state records keyed by (grain id, state name), each with an ETag. Writes are conditional on
/// the ETag the caller last saw and are acknowledged only once durable.
/// </summary>
public interface IGrainStorage
{
    /// <summary>Reads a record; null when none exists.</summary>
    /// <exception cref="State.StorageUnavailableException">The storage failed.</exception>
    Task<StoredGrainState?> ReadAsync(GrainId grainId, string stateName, CancellationToken cancellationToken);

    /// <summary>
    /// Writes a record if its stored ETag equals <paramref name="expectedEtag"/> (null: the record must not exist) and
    /// returns the new ETag once durable.
    /// </summary>
    /// <exception cref="State.InconsistentStateException">The stored ETag differs; nothing was written.</exception>
    /// <exception cref="State.StorageUnavailableException">The storage failed; nothing was acknowledged.</exception>
    Task<string> WriteAsync(
        GrainId grainId, string stateName, ReadOnlyMemory<byte> data, string? expectedEtag, CancellationToken cancellationToken);

    /// <summary>Deletes a record if its stored ETag equals <paramref name="expectedEtag"/>; deleting nothing is fine when null.</summary>
    /// <exception cref="State.InconsistentStateException">The stored ETag differs; nothing was deleted.</exception>
    Task ClearAsync(GrainId grainId, string stateName, string? expectedEtag, CancellationToken cancellationToken);
}
