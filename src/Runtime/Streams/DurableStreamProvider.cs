using Visco.Runtime.Abstractions.Storage;
using Visco.Runtime.Abstractions.Streams;

namespace Visco.Runtime.Streams;

/// <summary>The stream provider over the runtime store's durable queue.</summary>
internal sealed class DurableStreamProvider(string name, IStreamQueueStorage storage, StreamDeliveryAgent agent) : IStreamProvider
{
    /// <inheritdoc />
    public string Name => name;

    /// <inheritdoc />
    public IAsyncStream<T> GetStream<T>(StreamId streamId) => new DurableStream<T>(streamId, storage, agent);
}
