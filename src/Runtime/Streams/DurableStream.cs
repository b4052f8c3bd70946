using Visco.Runtime.Abstractions.Storage;
using Visco.Runtime.Abstractions.Streams;
using Visco.Runtime.Catalog;
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
        var sequence = await storage.AppendAsync(streamId, [StateSerializer.Serialize(item)], cancellationToken);
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

        var payloads = items.Select(i => (ReadOnlyMemory<byte>)StateSerializer.Serialize(i)).ToArray();
        var first = await storage.AppendAsync(streamId, payloads, cancellationToken);
        agent.Wake();
        return new StreamSequenceToken(first + items.Count - 1);
    }

    /// <inheritdoc />
    public Task<StreamSubscriptionHandle<T>> SubscribeAsync(IAsyncObserver<T> observer, CancellationToken cancellationToken = default) =>
        SubscribeAsync(new StreamHandler<T>(observer), cancellationToken);

    /// <inheritdoc />
    public Task<StreamSubscriptionHandle<T>> SubscribeAsync(IAsyncBatchObserver<T> observer, CancellationToken cancellationToken = default) =>
        SubscribeAsync(new BatchStreamHandler<T>(observer), cancellationToken);

    private async Task<StreamSubscriptionHandle<T>> SubscribeAsync(IStreamHandler handler, CancellationToken cancellationToken)
    {
        if (TaskScheduler.Current is ActivationTaskScheduler { Activation: { } activation })
        {
            activation.StreamHandlers.Set(streamId, handler);
            var implicitly = activation.ClassInfo.ImplicitStreamNamespaces.Contains(streamId.Namespace)
                && activation.GrainId.Key == streamId.Key;
            if (!implicitly)
            {
                await agent.AddSubscriptionAsync(new StreamSubscription(activation.GrainId.ToString(), streamId), cancellationToken);
            }

            return new SubscriptionHandle<T>(streamId, async ct =>
            {
                activation.StreamHandlers.Remove(streamId);
                if (!implicitly)
                {
                    await agent.RemoveSubscriptionAsync(new StreamSubscription(activation.GrainId.ToString(), streamId), ct);
                }
            });
        }

        var live = agent.AddLiveObserver(streamId, handler);
        return new SubscriptionHandle<T>(streamId, _ =>
        {
            live.Dispose();
            return Task.CompletedTask;
        });
    }
}
