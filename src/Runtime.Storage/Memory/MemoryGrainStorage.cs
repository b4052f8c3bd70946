using Visco.Runtime.Abstractions;
using Visco.Runtime.Abstractions.Storage;

namespace Visco.Runtime.Storage.Memory;

/// <summary>Grain state in a <see cref="MemoryDatabase"/>; bytes are copied in and out so callers never share a buffer with storage.</summary>
internal sealed class MemoryGrainStorage(MemoryDatabase database, MemoryStoreStatus status) : IGrainStorage
{
    public Task<StoredGrainState?> ReadAsync(GrainId grainId, string stateName, CancellationToken cancellationToken) =>
        status.Run("read", StorageErrors.Describe(grainId, stateName), cancellationToken, () =>
        {
            lock (database.Gate)
            {
                return database.States.TryGetValue((grainId.ToString(), stateName), out var stored)
                    ? new StoredGrainState(stored.Data.ToArray(), stored.ETag)
                    : null;
            }
        });

    public Task<string> WriteAsync(
        GrainId grainId, string stateName, ReadOnlyMemory<byte> data, string? expectedEtag, CancellationToken cancellationToken) =>
        status.Run("write", StorageErrors.Describe(grainId, stateName), cancellationToken, () =>
        {
            var key = (grainId.ToString(), stateName);
            lock (database.Gate)
            {
                var storedEtag = database.States.TryGetValue(key, out var stored) ? stored.ETag : null;
                if (!string.Equals(storedEtag, expectedEtag, StringComparison.Ordinal))
                {
                    throw StorageErrors.Conflict(MemoryStoreStatus.ProviderName, "write", grainId, stateName, storedEtag, expectedEtag);
                }

                var etag = StorageETag.New();
                database.States[key] = new StoredGrainState(data.ToArray(), etag);
                return etag;
            }
        });

    public Task ClearAsync(GrainId grainId, string stateName, string? expectedEtag, CancellationToken cancellationToken) =>
        status.Run("clear", StorageErrors.Describe(grainId, stateName), cancellationToken, () =>
        {
            var key = (grainId.ToString(), stateName);
            lock (database.Gate)
            {
                var storedEtag = database.States.TryGetValue(key, out var stored) ? stored.ETag : null;
                if (!string.Equals(storedEtag, expectedEtag, StringComparison.Ordinal))
                {
                    throw StorageErrors.Conflict(MemoryStoreStatus.ProviderName, "clear", grainId, stateName, storedEtag, expectedEtag);
                }

                return database.States.Remove(key);
            }
        });
}
