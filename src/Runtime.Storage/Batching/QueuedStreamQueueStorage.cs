using Visco.Runtime.Abstractions.Storage;
using Visco.Runtime.Abstractions.Streams;
using Visco.Runtime.Storage.Operations;

namespace Visco.Runtime.Storage.Batching;

/// <summary>The stream queue over a provider's reads and its single stream writer loop.</summary>
internal sealed class QueuedStreamQueueStorage(IStoreReads reads, IWriteRouter writers, TimeProvider timeProvider) : IStreamQueueStorage
{
    public Task<long> AppendAsync(StreamId stream, IReadOnlyList<ReadOnlyMemory<byte>> payloads, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(payloads);
        ArgumentOutOfRangeException.ThrowIfZero(payloads.Count);
        var owned = new byte[payloads.Count][];
        for (var i = 0; i < owned.Length; i++)
        {
            owned[i] = QueuedGrainStorage.Own(payloads[i]);
        }

        return writers.ForStreams.EnqueueAsync(new StreamAppendOp(stream, owned, timeProvider.GetUtcNow(), cancellationToken));
    }

    public Task<IReadOnlyList<StoredStreamEvent>> ReadAsync(long afterPosition, int maxCount, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxCount);
        return reads.ReadEventsAsync(afterPosition, maxCount, cancellationToken);
    }

    public Task<IReadOnlyList<StoredStreamEvent>> ReadStreamAsync(StreamId stream, long afterSequence, int maxCount, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxCount);
        return reads.ReadStreamEventsAsync(stream, afterSequence, maxCount, cancellationToken);
    }

    public Task<IReadOnlyList<StreamCheckpoint>> ReadCheckpointsAsync(CancellationToken cancellationToken) =>
        reads.ReadCheckpointsAsync(cancellationToken);

    public Task WriteCheckpointsAsync(IReadOnlyList<StreamCheckpoint> checkpoints, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(checkpoints);
        return checkpoints.Count == 0
            ? Task.CompletedTask
            : writers.ForStreams.EnqueueAsync(new CheckpointWriteOp([.. checkpoints], cancellationToken));
    }

    public Task<IReadOnlyList<StreamSubscription>> ReadSubscriptionsAsync(CancellationToken cancellationToken) =>
        reads.ReadSubscriptionsAsync(cancellationToken);

    public Task AddSubscriptionAsync(StreamSubscription subscription, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subscription);
        return writers.ForStreams.EnqueueAsync(new SubscriptionOp(subscription, add: true, cancellationToken));
    }

    public Task RemoveSubscriptionAsync(StreamSubscription subscription, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subscription);
        return writers.ForStreams.EnqueueAsync(new SubscriptionOp(subscription, add: false, cancellationToken));
    }

    public Task TrimAsync(long upToPosition, CancellationToken cancellationToken) =>
        writers.ForStreams.EnqueueAsync(new StreamTrimOp(upToPosition, cancellationToken));
}
