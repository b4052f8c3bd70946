using Visco.Runtime.Abstractions.Storage;

namespace Visco.Runtime.Streams;

/// <summary>
/// The observer of one commit-managed subscription: delivers as the wrapped handler does and remembers the last
/// sequence handed to it, the highest this subscription may commit.
/// </summary>
internal sealed class CommitManagedHandler(IStreamHandler inner, long committed) : IStreamHandler
{
    private long _handed = committed;

    /// <summary>The last sequence handed to the observer (a delivery under way included), or the commit it started from.</summary>
    public long Handed => Volatile.Read(ref _handed);

    /// <inheritdoc />
    public Task DeliverAsync(IReadOnlyList<StoredStreamEvent> events)
    {
        if (events.Count > 0 && events[^1].Sequence > _handed)
        {
            Volatile.Write(ref _handed, events[^1].Sequence);
        }

        return inner.DeliverAsync(events);
    }
}
