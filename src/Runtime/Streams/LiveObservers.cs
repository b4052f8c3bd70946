using Visco.Runtime.Abstractions.Storage;
using Visco.Runtime.Abstractions.Streams;

namespace Visco.Runtime.Streams;

/// <summary>
/// Observers outside grains (a server-sent-events feed, a test): they see events as the agent reads them, best
/// effort, with no checkpoint; a failing observer never holds up durable subscribers.
/// </summary>
internal sealed class LiveObservers
{
    private readonly Lock _lock = new();
    private readonly Dictionary<StreamId, List<IStreamHandler>> _observers = [];

    /// <summary>Adds an observer; dispose the result to remove it.</summary>
    public IDisposable Add(StreamId streamId, IStreamHandler handler)
    {
        lock (_lock)
        {
            if (!_observers.TryGetValue(streamId, out var list))
            {
                list = [];
                _observers[streamId] = list;
            }

            list.Add(handler);
        }

        return new Removal(this, streamId, handler);
    }

    /// <summary>Delivers events to the stream's live observers.</summary>
    public async Task DeliverAsync(StreamId streamId, IReadOnlyList<StoredStreamEvent> events)
    {
        IStreamHandler[] handlers;
        lock (_lock)
        {
            if (!_observers.TryGetValue(streamId, out var list) || list.Count == 0)
            {
                return;
            }

            handlers = [.. list];
        }

        foreach (var handler in handlers)
        {
            try
            {
                await handler.DeliverAsync(events);
            }
            catch (Exception)
            {
                // Live observers are best effort by contract: a failing one misses the events, nobody else does.
            }
        }
    }

    private void Remove(StreamId streamId, IStreamHandler handler)
    {
        lock (_lock)
        {
            if (_observers.TryGetValue(streamId, out var list))
            {
                list.Remove(handler);
            }
        }
    }

    private sealed class Removal(LiveObservers owner, StreamId streamId, IStreamHandler handler) : IDisposable
    {
        public void Dispose() => owner.Remove(streamId, handler);
    }
}
