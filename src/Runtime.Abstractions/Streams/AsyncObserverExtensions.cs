namespace Visco.Runtime.Abstractions.Streams;

/// <summary>Subscribing with a delegate instead of an observer class.</summary>
public static class AsyncObserverExtensions
{
    /// <summary>Subscribes with a delegate as the observer.</summary>
    public static Task<StreamSubscriptionHandle<T>> SubscribeAsync<T>(
        this IAsyncStream<T> stream, Func<T, StreamSequenceToken, Task> onNext, CancellationToken cancellationToken = default) =>
        stream.SubscribeAsync(new DelegateObserver<T>(onNext), cancellationToken);

    /// <summary>Subscribes with a delegate as the batch observer.</summary>
    public static Task<StreamSubscriptionHandle<T>> SubscribeAsync<T>(
        this IAsyncStream<T> stream, Func<IReadOnlyList<SequentialItem<T>>, Task> onNextBatch, CancellationToken cancellationToken = default) =>
        stream.SubscribeAsync(new DelegateBatchObserver<T>(onNextBatch), cancellationToken);

    /// <summary>Subscribes with a delegate as the observer, with options (e.g. commit-managed).</summary>
    public static Task<StreamSubscriptionHandle<T>> SubscribeAsync<T>(
        this IAsyncStream<T> stream, Func<T, StreamSequenceToken, Task> onNext, StreamSubscriptionOptions options,
        CancellationToken cancellationToken = default) =>
        stream.SubscribeAsync(new DelegateObserver<T>(onNext), options, cancellationToken);

    /// <summary>Subscribes with a delegate as the batch observer, with options (e.g. commit-managed).</summary>
    public static Task<StreamSubscriptionHandle<T>> SubscribeAsync<T>(
        this IAsyncStream<T> stream, Func<IReadOnlyList<SequentialItem<T>>, Task> onNextBatch, StreamSubscriptionOptions options,
        CancellationToken cancellationToken = default) =>
        stream.SubscribeAsync(new DelegateBatchObserver<T>(onNextBatch), options, cancellationToken);

    private sealed class DelegateObserver<T>(Func<T, StreamSequenceToken, Task> onNext) : IAsyncObserver<T>
    {
        public Task OnNextAsync(T item, StreamSequenceToken token) => onNext(item, token);
    }

    private sealed class DelegateBatchObserver<T>(Func<IReadOnlyList<SequentialItem<T>>, Task> onNextBatch) : IAsyncBatchObserver<T>
    {
        public Task OnNextAsync(IReadOnlyList<SequentialItem<T>> items) => onNextBatch(items);
    }
}
