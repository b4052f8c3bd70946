using Visco.Runtime.Abstractions.Storage;
using Visco.Runtime.Abstractions.Streams;

namespace Visco.Runtime.Streams;

/// <summary>
/// The progress of one subscriber on one stream, independent of every other subscriber and stream, so a slow or
/// failing subscriber holds up only itself. The agent's reader offers it the events it reads; they wait in a bounded
/// buffer, and when the buffer was full (or the subscriber fell behind a trim-free gap) the lane re-reads its stream
/// from its own checkpoint. One runner at a time delivers a lane's events, so they arrive in order.
/// </summary>
/// <remarks>
/// Invariants, all under <see cref="_lock"/>: events up to <see cref="Delivered"/> are handled; the reader has seen
/// the stream up to <see cref="_known"/>; the lane has work exactly when <c>_delivered &lt; _known</c>; the buffer holds
/// events in sequence order, possibly with gaps where events were dropped; <see cref="_oldestPending"/> is at or below
/// the position of the first event not yet handled, so trimming below it never removes an event the lane still needs.
/// A commit-managed lane (<c>StreamLane.Commits.cs</c>) adds a committed cursor at or below the delivered one.
/// </remarks>
internal sealed partial class StreamLane(
    string subscriber, StreamId stream, long checkpoint, bool durable, StreamBufferBudget budget,
    Func<IReadOnlyList<StoredStreamEvent>, long, Task> deliver)
{
    private readonly Lock _lock = new();
    private readonly Queue<StoredStreamEvent> _buffer = new();
    private long _delivered = checkpoint;
    private long _committed = checkpoint;
    private long _known = checkpoint;
    private long _oldestPending = long.MaxValue;
    private bool _running;
    private volatile bool _removed;

    /// <summary>The subscriber (a grain id, or <c>live:n</c> for an observer outside grains).</summary>
    public string Subscriber { get; } = subscriber;

    /// <summary>The stream.</summary>
    public StreamId Stream { get; } = stream;

    /// <summary>Whether progress is checkpointed and redelivered (grain subscribers) or best effort (live observers).</summary>
    public bool Durable { get; } = durable;

    /// <summary>Set when the subscription ends: the runner stops and the reader offers nothing more.</summary>
    public bool Removed
    {
        get => _removed;
        set => _removed = value;
    }

    /// <summary>How many consecutive deliveries failed (the runner's backoff grows with it).</summary>
    public int Failures { get; set; }

    /// <summary>The runner delivering now, if any (awaited on stop).</summary>
    public Task? Runner { get; set; }

    /// <summary>The last sequence handled (the checkpoint).</summary>
    public long Delivered
    {
        get
        {
            lock (_lock)
            {
                return _delivered;
            }
        }
    }

    /// <summary>Events the reader has seen that the subscriber has not handled yet.</summary>
    public long Lag
    {
        get
        {
            lock (_lock)
            {
                return _known - _delivered;
            }
        }
    }

    /// <summary>
    /// The lowest position this lane may still need, or <see cref="long.MaxValue"/> when it is caught up: the first
    /// event not handled, or for a commit-managed lane the first event not committed.
    /// </summary>
    public long OldestPending
    {
        get
        {
            lock (_lock)
            {
                return Math.Min(_oldestPending, UncommittedFloor());
            }
        }
    }

    /// <summary>Hands the subscriber its events (one delivery), tagged with the lane's epoch when they were taken.</summary>
    public Task DeliverAsync(IReadOnlyList<StoredStreamEvent> events, long epoch) => deliver(events, epoch);

    /// <summary>
    /// Offers an event the reader read. It is kept if the budget has room, else only noted, and re-read from storage
    /// when its turn comes. Returns true when the caller must start a runner.
    /// </summary>
    public bool Offer(StoredStreamEvent streamEvent)
    {
        lock (_lock)
        {
            if (Removed || streamEvent.Sequence <= _known)
            {
                return false; // handled already (the reader re-reads from the start after a restart)
            }

            if (_delivered == _known)
            {
                _oldestPending = streamEvent.Position;
            }

            _known = streamEvent.Sequence;
            if (budget.TryTake(_buffer.Count))
            {
                _buffer.Enqueue(streamEvent);
            }

            if (_running)
            {
                return false;
            }

            _running = true;
            return true;
        }
    }

    /// <summary>
    /// The next events to deliver from the buffer: up to <paramref name="max"/> consecutive ones that follow the
    /// checkpoint (or the buffer's head, when <paramref name="allowGap"/>). Null when the lane is caught up (the runner
    /// then ends); empty when the next event is not buffered and must be read from storage.
    /// </summary>
    public StoredStreamEvent[]? NextFromBuffer(int max, bool allowGap)
    {
        lock (_lock)
        {
            DropHandled();

            if (Removed || _delivered >= _known)
            {
                _running = false;
                _oldestPending = long.MaxValue;
                return null;
            }

            if (!_buffer.TryPeek(out var first) || (first.Sequence != _delivered + 1 && !allowGap))
            {
                return [];
            }

            var batch = new List<StoredStreamEvent>(Math.Min(max, _buffer.Count));
            var expected = first.Sequence;
            foreach (var streamEvent in _buffer)
            {
                if (batch.Count == max || streamEvent.Sequence != expected)
                {
                    break;
                }

                batch.Add(streamEvent);
                expected++;
            }

            return [.. batch];
        }
    }

    /// <summary>Events re-read from storage: the first is the next one this lane needs.</summary>
    public void ReadFromStorage(IReadOnlyList<StoredStreamEvent> events)
    {
        lock (_lock)
        {
            if (events.Count > 0 && events[0].Position > _oldestPending)
            {
                _oldestPending = events[0].Position;
            }
        }
    }

    /// <summary>
    /// Nothing is left in storage after the checkpoint although the reader saw more (they were trimmed before this
    /// subscriber existed): skip to what the reader saw. Ignored when the lane was rewound since <paramref name="epoch"/>.
    /// </summary>
    public void SkipMissing(long epoch)
    {
        lock (_lock)
        {
            if (epoch != _epoch)
            {
                return;
            }

            _delivered = _known;
            _oldestPending = long.MaxValue;
            DropHandled();
        }
    }

    /// <summary>
    /// The subscriber handled events up to and including <paramref name="lastHandled"/>; <paramref name="next"/> is the
    /// event after it in the same delivery, if the delivery stopped early. False (and nothing changes) when the lane
    /// was rewound since the delivery was taken at <paramref name="epoch"/>: that delivery no longer counts.
    /// </summary>
    public bool Advance(StoredStreamEvent lastHandled, StoredStreamEvent? next, long epoch)
    {
        lock (_lock)
        {
            if (epoch != _epoch)
            {
                return false;
            }

            if (_commitManaged && lastHandled.Sequence > _delivered)
            {
                // Handled but not committed: trimming stays below the first of these until a commit covers them.
                NoteUncommitted(lastHandled.Sequence);
            }

            _delivered = Math.Max(_delivered, lastHandled.Sequence);
            DropHandled();

            if (_delivered >= _known)
            {
                _oldestPending = long.MaxValue;
            }
            else if (next is not null)
            {
                _oldestPending = next.Position;
            }
            else if (_buffer.TryPeek(out var head) && head.Sequence == _delivered + 1)
            {
                _oldestPending = head.Position;
            }

            // Otherwise the next event's position is unknown until it is re-read: keep the older bound, still safe.
            return true;
        }
    }

    /// <summary>Releases every lane resource (the subscription ended).</summary>
    public void Release()
    {
        lock (_lock)
        {
            Removed = true;
            budget.Return(_buffer.Count);
            _buffer.Clear();
        }
    }

    private void DropBuffer()
    {
        budget.Return(_buffer.Count);
        _buffer.Clear();
    }

    private void DropHandled()
    {
        var dropped = 0;
        while (_buffer.TryPeek(out var head) && head.Sequence <= _delivered)
        {
            _buffer.Dequeue();
            dropped++;
        }

        budget.Return(dropped);
    }
}
