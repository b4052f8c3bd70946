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
        cancellationToken.ThrowIfCancellationRequested();
        status.ThrowIfClosed("append", StorageErrors.Describe(stream));
        var now = timeProvider.GetUtcNow();
        lock (database.Gate)
        {
            var first = database.StreamHeads.GetValueOrDefault(stream) + 1;
            for (var i = 0; i < payloads.Count; i++)
            {
                database.LastPosition++;
                database.Events.Add(new StoredStreamEvent(database.LastPosition, stream, first + i, payloads[i].ToArray(), now));
            }

            database.StreamHeads[stream] = first + payloads.Count - 1;
            return Task.FromResult(first);
        }
    }

    public Task<IReadOnlyList<StoredStreamEvent>> ReadAsync(long afterPosition, int maxCount, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxCount);
        cancellationToken.ThrowIfCancellationRequested();
        status.ThrowIfClosed("read", "stream events");
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

            return Task.FromResult<IReadOnlyList<StoredStreamEvent>>(result);
        }
    }

    public Task<IReadOnlyList<StreamCheckpoint>> ReadCheckpointsAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        status.ThrowIfClosed("read", "stream checkpoints");
        lock (database.Gate)
        {
            return Task.FromResult<IReadOnlyList<StreamCheckpoint>>(
                [.. database.Checkpoints.Select(c => new StreamCheckpoint(c.Key.SubscriberId, c.Key.Stream, c.Value))]);
        }
    }

    public Task WriteCheckpointsAsync(IReadOnlyList<StreamCheckpoint> checkpoints, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(checkpoints);
        cancellationToken.ThrowIfCancellationRequested();
        status.ThrowIfClosed("write", "stream checkpoints");
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

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<StreamSubscription>> ReadSubscriptionsAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        status.ThrowIfClosed("read", "stream subscriptions");
        lock (database.Gate)
        {
            return Task.FromResult<IReadOnlyList<StreamSubscription>>([.. database.Subscriptions]);
        }
    }

    public Task AddSubscriptionAsync(StreamSubscription subscription, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subscription);
        cancellationToken.ThrowIfCancellationRequested();
        status.ThrowIfClosed("add subscription", StorageErrors.Describe(subscription.Stream));
        lock (database.Gate)
        {
            database.Subscriptions.Add(subscription);
        }

        return Task.CompletedTask;
    }

    public Task RemoveSubscriptionAsync(StreamSubscription subscription, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subscription);
        cancellationToken.ThrowIfCancellationRequested();
        status.ThrowIfClosed("remove subscription", StorageErrors.Describe(subscription.Stream));
        lock (database.Gate)
        {
            database.Subscriptions.Remove(subscription);
            database.Checkpoints.Remove((subscription.SubscriberId, subscription.Stream));
        }

        return Task.CompletedTask;
    }

    public Task TrimAsync(long upToPosition, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        status.ThrowIfClosed("trim", "stream events");
        lock (database.Gate)
        {
            database.Events.RemoveRange(0, FirstAfter(database.Events, upToPosition));
        }

        return Task.CompletedTask;
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
