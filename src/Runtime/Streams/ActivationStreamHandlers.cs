using Visco.Runtime.Abstractions.Storage;
using Visco.Runtime.Abstractions.Streams;

namespace Visco.Runtime.Streams;

/// <summary>
/// The observers one activation registered, by stream. Touched only from the activation's own turns (subscribe in
/// grain code, delivery as a turn) and from its end (after its last turn), so it needs no lock.
/// </summary>
internal sealed class ActivationStreamHandlers
{
    private readonly Dictionary<StreamId, Entry> _handlers = [];

    /// <summary>Sets the observer of a normal subscription (a new subscribe replaces the old observer).</summary>
    public void Set(StreamId streamId, IStreamHandler handler) => _handlers[streamId] = new Entry(handler, 0, null);

    /// <summary>
    /// Sets the observer of a commit-managed subscription: it accepts only deliveries taken in <paramref name="epoch"/>
    /// of its lane, and <paramref name="detach"/> runs when the observer goes (unsubscribe, or the activation ends) so
    /// the lane delivers the uncommitted events again. A replaced observer is not detached: the new subscription
    /// already rewound the lane.
    /// </summary>
    public void SetCommitManaged(StreamId streamId, IStreamHandler handler, long epoch, Action detach) =>
        _handlers[streamId] = new Entry(handler, epoch, detach);

    /// <summary>Removes the observer for a stream.</summary>
    public void Remove(StreamId streamId)
    {
        if (_handlers.Remove(streamId, out var entry))
        {
            entry.Detach?.Invoke();
        }
    }

    /// <summary>Forgets every observer (the activation is gone).</summary>
    public void Clear()
    {
        var entries = _handlers.Values.ToArray();
        _handlers.Clear();
        foreach (var entry in entries)
        {
            entry.Detach?.Invoke();
        }
    }

    /// <summary>Delivers events of one stream in order.</summary>
    /// <exception cref="InvalidOperationException">The activation never subscribed to the stream.</exception>
    /// <exception cref="StaleDeliveryException">A commit-managed observer got a delivery taken before its lane was rewound.</exception>
    public async Task DeliverAsync(StreamId streamId, IReadOnlyList<StoredStreamEvent> events, long epoch, string grain)
    {
        if (!_handlers.TryGetValue(streamId, out var entry))
        {
            throw new InvalidOperationException(
                $"Grain {grain} receives stream {streamId} but registered no observer for it; subscribe to the stream in OnActivateAsync.");
        }

        if (entry.Detach is not null && entry.Epoch != epoch)
        {
            throw new StaleDeliveryException(grain, streamId);
        }

        await entry.Handler.DeliverAsync(events);
    }

    private readonly record struct Entry(IStreamHandler Handler, long Epoch, Action? Detach);
}
