using Visco.Runtime.Abstractions.Storage;
using Visco.Runtime.Abstractions.Streams;

namespace Visco.Runtime.Streams;

/// <summary>Delivers stored events one at a time to a typed observer.</summary>
internal sealed class StreamHandler<T>(IAsyncObserver<T> observer) : IStreamHandler
{
    /// <inheritdoc />
    public async Task DeliverAsync(IReadOnlyList<StoredStreamEvent> events)
    {
        for (var i = 0; i < events.Count; i++)
        {
            try
            {
                if (StreamEventReader.TryRead<T>(events[i], out var item, out var error))
                {
                    await observer.OnNextAsync(item, new StreamSequenceToken(events[i].Sequence));
                }
                else
                {
                    // An event that cannot be read back would block the stream forever if retried: report it, go on.
                    await observer.OnErrorAsync(error);
                }
            }
            catch (Exception exception)
            {
                // Tell the agent how far it got, so only the failed event and those after it are delivered again.
                throw new StreamDeliveryException(i, exception);
            }
        }
    }
}
