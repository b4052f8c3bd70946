namespace Visco.Runtime.Abstractions.Streams;

/// <summary>A subscription to a stream.</summary>
public abstract class StreamSubscriptionHandle<T>
{
    /// <summary>The stream subscribed to.</summary>
    public abstract StreamId StreamId { get; }

    /// <summary>Ends the subscription; no event is delivered to it afterwards.</summary>
    public abstract Task UnsubscribeAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Of a commit-managed subscription (<see cref="StreamSubscriptionOptions.CommitManaged"/>): the effects of every
    /// event up to and including <paramref name="upTo"/> are durable, so the stored checkpoint may move there. Returns
    /// once the checkpoint is stored. A commit at or below the current one is ignored.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="upTo"/> is past the last event delivered to this subscription.</exception>
    /// <exception cref="InvalidOperationException">The subscription is not commit-managed.</exception>
    public abstract Task CommitAsync(StreamSequenceToken upTo, CancellationToken cancellationToken = default);
}
