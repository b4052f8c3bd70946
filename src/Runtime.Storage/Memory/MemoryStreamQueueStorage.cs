using Visco.Runtime.Abstractions.Storage;
using Visco.Runtime.Abstractions.Streams;

namespace Visco.Runtime.Storage.Memory;

/// <summary>
/// The stream queue in a <see cref="MemoryDatabase"/>. Positions are taken and events added under one lock, so the
/// list is always in position order and a reader never sees position n+1 before n.
/// </summary>
internal sealed class MemoryStreamQueueStorage(MemoryDatabase database, MemoryStoreStatus status, TimeProvider timeProvider)
    : IStreamQueueStorage
{
    public Task<long> AppendAsync(StreamId stream, IReadOnlyList<ReadOnlyMemory<byte>> payloads, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(payloads);
        ArgumentOutOfRangeException.ThrowIfZero(payloads.Count);
        return status.Run<long>("append", StorageErrors.Describe(stream), cancellationToken, () =>
        {
            var now = timeProvider.GetUtcNow();
            lock (database.Gate)
            {
                var first = database.StreamHeads.GetValueOrDefault(stream) + 1;
                if (!database.EventsByStream.TryGetValue(stream, out var ofStream))
                {
                    ofStream = [];
                    database.EventsByStream[stream] = ofStream;
                }

                for (var i = 0; i < payloads.Count; i++)
                {
                    database.LastPosition++;
                    var streamEvent = new StoredStreamEvent(database.LastPosition, stream, first + i, payloads[i].ToArray(), now);
                    database.Events.Add(streamEvent);
                    ofStream.Add(streamEvent);
                }

                database.StreamHeads[stream] = first + payloads.Count - 1;
                return first;
            }
        });
    }

    public Task<IReadOnlyList<StoredStreamEvent>> ReadAsync(long afterPosition, int maxCount, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxCount);
        return status.Run<IReadOnlyList<StoredStreamEvent>>("read", "stream events", cancellationToken, () =>
        {
            lock (database.Gate)
            {
                var events = database.Events;
                var start = FirstAfter(events, afterPosition);
                var count = Math.Min(maxCount, events.Count - start);
                var result = new StoredStreamEvent[count];
                for (var i = 0; i < count; i++)
                {
                    var e = events[start + i];
                    result[i] = e with { Payload = e.Payload.ToArray() };
                }

                return result;
            }
        });
    }

    public Task<IReadOnlyList<StoredStreamEvent>> ReadStreamAsync(StreamId stream, long afterSequence, int maxCount, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxCount);
        return status.Run<IReadOnlyList<StoredStreamEvent>>("read", StorageErrors.Describe(stream), cancellationToken, () =>
        {
            lock (database.Gate)
            {
                if (!database.EventsByStream.TryGetValue(stream, out var ofStream))
                {
                    return [];
                }

                // Sequences of the kept events are consecutive: the first kept one tells where afterSequence is.
                var start = ofStream.Count == 0 ? 0 : (int)Math.Clamp(afterSequence - ofStream[0].Sequence + 1, 0, ofStream.Count);
                var count = Math.Min(maxCount, ofStream.Count - start);
                var result = new StoredStreamEvent[count];
                for (var i = 0; i < count; i++)
                {
                    var e = ofStream[start + i];
                    result[i] = e with { Payload = e.Payload.ToArray() };
                }

                return result;
            }
        });
    }

    public Task<IReadOnlyList<StreamCheckpoint>> ReadCheckpointsAsync(CancellationToken cancellationToken)
    {
        return status.Run<IReadOnlyList<StreamCheckpoint>>("read", "stream checkpoints", cancellationToken, () =>
        {
            lock (database.Gate)
            {
                return [.. database.Checkpoints.Select(c => new StreamCheckpoint(c.Key.SubscriberId, c.Key.Stream, c.Value))];
            }
        });
    }

    public Task WriteCheckpointsAsync(IReadOnlyList<StreamCheckpoint> checkpoints, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(checkpoints);
        return status.Run("write", "stream checkpoints", cancellationToken, () =>
        {
            lock (database.Gate)
            {
                foreach (var checkpoint in checkpoints)
                {
                    var key = (checkpoint.SubscriberId, checkpoint.Stream);
                    if (!database.Checkpoints.TryGetValue(key, out var stored) || stored < checkpoint.Sequence)
                    {
                        database.Checkpoints[key] = checkpoint.Sequence;
                    }
                }
            }

            return true;
        });
    }

    public Task<IReadOnlyList<StreamSubscription>> ReadSubscriptionsAsync(CancellationToken cancellationToken)
    {
        return status.Run<IReadOnlyList<StreamSubscription>>("read", "stream subscriptions", cancellationToken, () =>
        {
            lock (database.Gate)
            {
                return [.. database.Subscriptions];
            }
        });
    }

    public Task AddSubscriptionAsync(StreamSubscription subscription, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subscription);
        return status.Run("add subscription", StorageErrors.Describe(subscription.Stream), cancellationToken, () =>
        {
            lock (database.Gate)
            {
                database.Subscriptions.Add(subscription);
            }

            return true;
        });
    }

    public Task RemoveSubscriptionAsync(StreamSubscription subscription, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subscription);
        return status.Run("remove subscription", StorageErrors.Describe(subscription.Stream), cancellationToken, () =>
        {
            lock (database.Gate)
            {
                database.Subscriptions.Remove(subscription);
                database.Checkpoints.Remove((subscription.SubscriberId, subscription.Stream));
            }

            return true;
        });
    }

    public Task TrimAsync(long upToPosition, CancellationToken cancellationToken)
    {
        return status.Run("trim", "stream events", cancellationToken, () =>
        {
            lock (database.Gate)
            {
                database.Events.RemoveRange(0, FirstAfter(database.Events, upToPosition));
                foreach (var ofStream in database.EventsByStream.Values)
                {
                    ofStream.RemoveRange(0, FirstAfter(ofStream, upToPosition));
                }
            }

            return true;
        });
    }

    /// <summary>Index of the first event with a position above <paramref name="position"/> (binary search: positions are sorted).</summary>
    private static int FirstAfter(List<StoredStreamEvent> events, long position)
    {
        int low = 0, high = events.Count;
        while (low < high)
        {
            var mid = low + ((high - low) / 2);
            if (events[mid].Position <= position)
            {
                low = mid + 1;
            }
            else
            {
                high = mid;
            }
        }

        return low;
    }
}
