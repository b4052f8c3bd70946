using Visco.Runtime.Abstractions.Storage;
using Visco.Runtime.Abstractions.Streams;

namespace Visco.Runtime.Streams;

/// <summary>
/// Delivers stored events to a typed batch observer, all of them in one call: the observer completes the batch or
/// none of it, so a fault makes the agent deliver the whole batch again.
/// </summary>
internal sealed class BatchStreamHandler<T>(IAsyncBatchObserver<T> observer) : IStreamHandler
{
    /// <inheritdoc />
    public async Task DeliverAsync(IReadOnlyList<StoredStreamEvent> events)
    {
        try
        {
            var items = new List<SequentialItem<T>>(events.Count);
            foreach (var streamEvent in events)
            {
                if (StreamEventReader.TryRead<T>(streamEvent, out var item, out var error))
                {
                    items.Add(new SequentialItem<T>(item, new StreamSequenceToken(streamEvent.Sequence)));
                }
                else
                {
                    // An event that cannot be read back would block the stream forever if retried: report it, go on.
                    await observer.OnErrorAsync(error);
                }
            }

            if (items.Count > 0)
            {
                await observer.OnNextAsync(items);
            }
        }
        catch (Exception exception)
        {
            throw new StreamDeliveryException(0, exception);
        }
    }
}
