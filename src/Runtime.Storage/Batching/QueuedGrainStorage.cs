using System.Runtime.InteropServices;

using Visco.Runtime.Abstractions;
using Visco.Runtime.Abstractions.Storage;
using Visco.Runtime.Storage.Operations;

namespace Visco.Runtime.Storage.Batching;

/// <summary>Grain state over a provider's reads and its group-commit writer loops.</summary>
internal sealed class QueuedGrainStorage(IStoreReads reads, IWriteRouter writers) : IGrainStorage
{
    public Task<StoredGrainState?> ReadAsync(GrainId grainId, string stateName, CancellationToken cancellationToken) =>
        reads.ReadStateAsync(grainId, stateName, cancellationToken);

    public Task<string> WriteAsync(
        GrainId grainId, string stateName, ReadOnlyMemory<byte> data, string? expectedEtag, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stateName);
        var op = new StateWriteOp(grainId, stateName, Own(data), expectedEtag, cancellationToken);
        return writers.ForGrain(op.GrainId).EnqueueAsync(op);
    }

    public Task ClearAsync(GrainId grainId, string stateName, string? expectedEtag, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stateName);
        var op = new StateClearOp(grainId, stateName, expectedEtag, cancellationToken);
        return writers.ForGrain(op.GrainId).EnqueueAsync(op);
    }

    /// <summary>
    /// The bytes the batch will write. A caller's whole array is used as is (no copy on the hot path): the contract is
    /// that the caller hands over the serialized state and does not reuse the buffer before the write completes.
    /// </summary>
    internal static byte[] Own(ReadOnlyMemory<byte> data) =>
        MemoryMarshal.TryGetArray(data, out var segment) && segment.Offset == 0 && segment.Count == segment.Array!.Length
            ? segment.Array
            : data.ToArray();
}
