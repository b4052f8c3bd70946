using Visco.Runtime.Abstractions.Storage;
using Visco.Runtime.Abstractions.Streams;
using Visco.Runtime.State;

namespace Visco.Runtime.Streams;

/// <summary>A stream whose events are stored in the runtime store before publishing returns.</summary>
internal sealed class DurableStream<T>(StreamId streamId, IStreamQueueStorage storage, StreamDeliveryAgent agent) : IAsyncStream<T>
{
    /// <inheritdoc />
    public StreamId StreamId => streamId;

    /// <inheritdoc />
    public async Task<StreamSequenceToken> OnNextAsync(T item, CancellationToken cancellationToken = default)
    {
        var payload = StateSerializer.Serialize(item);
        StreamEventReader.Published(streamId, payload, item);
        var sequence = await storage.AppendAsync(streamId, [payload], cancellationToken);
        agent.Wake();
        return new StreamSequenceToken(sequence);
    }

    /// <inheritdoc />
    public async Task<StreamSequenceToken?> OnNextBatchAsync(IReadOnlyList<T> items, CancellationToken cancellationToken = default)
    {
        if (items.Count == 0)
        {
            return null;
        }

        var payloads = new ReadOnlyMemory<byte>[items.Count];
        for (var i = 0; i < payloads.Length; i++)
        {
            var payload = StateSerializer.Serialize(items[i]);
            StreamEventReader.Published(streamId, payload, items[i]);
            payloads[i] = payload;
        }

        var first = await storage.AppendAsync(streamId, payloads, cancellationToken);
        agent.Wake();
        return new StreamSequenceToken(first + items.Count - 1);
    }

    /// <inheritdoc />
    public Task<StreamSubscriptionHandle<T>> SubscribeAsync(IAsyncObserver<T> observer, CancellationToken cancellationToken = default) =>
        SubscribeAsync(observer, StreamSubscriptionOptions.Default, cancellationToken);

    /// <inheritdoc />
    public Task<StreamSubscriptionHandle<T>> SubscribeAsync(IAsyncBatchObserver<T> observer, CancellationToken cancellationToken = default) =>
        SubscribeAsync(observer, StreamSubscriptionOptions.Default, cancellationToken);

    /// <inheritdoc />
    public Task<StreamSubscriptionHandle<T>> SubscribeAsync(
        IAsyncObserver<T> observer, StreamSubscriptionOptions options, CancellationToken cancellationToken = default) =>
        agent.SubscribeAsync<T>(streamId, new StreamHandler<T>(observer), options, cancellationToken);

    /// <inheritdoc />
    public Task<StreamSubscriptionHandle<T>> SubscribeAsync(
        IAsyncBatchObserver<T> observer, StreamSubscriptionOptions options, CancellationToken cancellationToken = default) =>
        agent.SubscribeAsync<T>(streamId, new BatchStreamHandler<T>(observer), options, cancellationToken);
}
