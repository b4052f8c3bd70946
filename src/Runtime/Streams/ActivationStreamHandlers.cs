using Visco.Runtime.Abstractions.Storage;
using Visco.Runtime.Abstractions.Streams;

namespace Visco.Runtime.Streams;

/// <summary>
/// The observers one activation registered, by stream. Touched only from the activation's own turns (subscribe in
/// grain code, delivery as a turn), so it needs no lock.
/// </summary>
internal sealed class ActivationStreamHandlers
{
    private readonly Dictionary<StreamId, IStreamHandler> _handlers = [];

    /// <summary>Sets the observer for a stream (a new subscribe replaces the old observer).</summary>
    public void Set(StreamId streamId, IStreamHandler handler) => _handlers[streamId] = handler;

    /// <summary>Removes the observer for a stream.</summary>
    public void Remove(StreamId streamId) => _handlers.Remove(streamId);

    /// <summary>Forgets every observer (the activation is gone).</summary>
    public void Clear() => _handlers.Clear();

    /// <summary>Delivers events of one stream in order.</summary>
    /// <exception cref="InvalidOperationException">The activation never subscribed to the stream.</exception>
    public async Task DeliverAsync(StreamId streamId, IReadOnlyList<StoredStreamEvent> events, string grain)
    {
        if (!_handlers.TryGetValue(streamId, out var handler))
        {
            throw new InvalidOperationException(
                $"Grain {grain} receives stream {streamId} but registered no observer for it; subscribe to the stream in OnActivateAsync.");
        }

        await handler.DeliverAsync(events);
    }
}
