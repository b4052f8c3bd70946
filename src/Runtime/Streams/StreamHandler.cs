using System.Text.Json;
using Visco.Runtime.Abstractions.Storage;
using Visco.Runtime.Abstractions.Streams;
using Visco.Runtime.State;

namespace Visco.Runtime.Streams;

/// <summary>Delivers stored events to a typed observer.</summary>
internal sealed class StreamHandler<T>(IAsyncObserver<T> observer) : IStreamHandler
{
    /// <inheritdoc />
    public Task DeliverAsync(StoredStreamEvent streamEvent)
    {
        T item;
        try
        {
            item = StateSerializer.Deserialize<T>(streamEvent.Payload)!;
        }
        catch (JsonException exception)
        {
            // An event that cannot be read back would block the stream forever if retried: report it and go on.
            return observer.OnErrorAsync(new InvalidDataException(
                $"Event {streamEvent.Sequence} of stream {streamEvent.Stream} cannot be read as {typeof(T).Name}: {exception.Message}", exception));
        }

        return observer.OnNextAsync(item, new StreamSequenceToken(streamEvent.Sequence));
    }
}
