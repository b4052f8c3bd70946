namespace Visco.Runtime.Abstractions.Streams;

/// <summary>
/// A stream of events of type <typeparamref name="T"/>. Publishing returns once the event is durable (for a durable
/// provider); subscribers receive events in order, at least once.
/// </summary>
public interface IAsyncStream<T>
{
    /// <summary>The stream's identity.</summary>
    StreamId StreamId { get; }

    /// <summary>Publishes one event; returns its sequence token once stored.</summary>
    Task<StreamSequenceToken> OnNextAsync(T item, CancellationToken cancellationToken = default);

    /// <summary>Publishes events in order as one batch; returns the token of the last.</summary>
    Task<StreamSequenceToken?> OnNextBatchAsync(IReadOnlyList<T> items, CancellationToken cancellationToken = default);

    /// <summary>
    /// Subscribes. From a grain the subscription is durable: it survives deactivation and restarts, events are
    /// delivered from the subscriber's checkpoint, and subscribing again resumes it with the new observer. Outside a
    /// grain the subscription is live only: events published from now on, until unsubscribed.
    /// </summary>
    Task<StreamSubscriptionHandle<T>> SubscribeAsync(IAsyncObserver<T> observer, CancellationToken cancellationToken = default);

    /// <summary>
    /// Subscribes with a batch observer: the same subscription semantics as the one-event overload, but consecutive
    /// events of the stream arrive together (up to the silo's stream delivery batch size), and a batch whose task
    /// faults is delivered again as a whole.
    /// </summary>
    Task<StreamSubscriptionHandle<T>> SubscribeAsync(IAsyncBatchObserver<T> observer, CancellationToken cancellationToken = default);

    /// <summary>
    /// Subscribes a one-event observer with options (e.g. <see cref="StreamSubscriptionOptions.CommitManaged"/>, whose
    /// checkpoint moves only by <see cref="StreamSubscriptionHandle{T}.CommitAsync"/>).
    /// </summary>
    Task<StreamSubscriptionHandle<T>> SubscribeAsync(
        IAsyncObserver<T> observer, StreamSubscriptionOptions options, CancellationToken cancellationToken = default);

    /// <summary>
    /// Subscribes a batch observer with options (e.g. <see cref="StreamSubscriptionOptions.CommitManaged"/>, whose
    /// checkpoint moves only by <see cref="StreamSubscriptionHandle{T}.CommitAsync"/>).
    /// </summary>
    Task<StreamSubscriptionHandle<T>> SubscribeAsync(
        IAsyncBatchObserver<T> observer, StreamSubscriptionOptions options, CancellationToken cancellationToken = default);
}
