using Visco.Runtime.Abstractions.Streams;

namespace Visco.Runtime.Abstractions.Storage;

/// <summary>
/// The durable stream queue: events stored with a per-stream sequence (1, 2, 3...) and a storage-wide position that
/// grows in commit order, so a reader following positions never skips an event committed late. Subscribers'
/// checkpoints and explicit subscriptions live beside the events.
/// </summary>
public interface IStreamQueueStorage
{
    /// <summary>
    /// Appends events to one stream, atomically and in order; returns the sequence number of the first once durable.
    /// </summary>
    Task<long> AppendAsync(StreamId stream, IReadOnlyList<ReadOnlyMemory<byte>> payloads, CancellationToken cancellationToken);

    /// <summary>Up to <paramref name="maxCount"/> events with a position above <paramref name="afterPosition"/>, in position order.</summary>
    Task<IReadOnlyList<StoredStreamEvent>> ReadAsync(long afterPosition, int maxCount, CancellationToken cancellationToken);

    /// <summary>
    /// Up to <paramref name="maxCount"/> events of one stream with a sequence above <paramref name="afterSequence"/>, in
    /// sequence order: a subscriber that fell behind re-reads its stream from its own checkpoint.
    /// </summary>
    Task<IReadOnlyList<StoredStreamEvent>> ReadStreamAsync(StreamId stream, long afterSequence, int maxCount, CancellationToken cancellationToken);

    /// <summary>Every subscriber's checkpoint (the last sequence it handled, per stream).</summary>
    Task<IReadOnlyList<StreamCheckpoint>> ReadCheckpointsAsync(CancellationToken cancellationToken);

    /// <summary>Upserts checkpoints; a checkpoint never moves backwards (a lower sequence than stored is ignored).</summary>
    Task WriteCheckpointsAsync(IReadOnlyList<StreamCheckpoint> checkpoints, CancellationToken cancellationToken);

    /// <summary>Every explicit (durable) subscription.</summary>
    Task<IReadOnlyList<StreamSubscription>> ReadSubscriptionsAsync(CancellationToken cancellationToken);

    /// <summary>Adds an explicit subscription (no-op if present).</summary>
    Task AddSubscriptionAsync(StreamSubscription subscription, CancellationToken cancellationToken);

    /// <summary>Removes an explicit subscription and its checkpoint.</summary>
    Task RemoveSubscriptionAsync(StreamSubscription subscription, CancellationToken cancellationToken);

    /// <summary>Deletes events with a position at or below <paramref name="upToPosition"/> (all subscribers are past them).</summary>
    Task TrimAsync(long upToPosition, CancellationToken cancellationToken);
}
