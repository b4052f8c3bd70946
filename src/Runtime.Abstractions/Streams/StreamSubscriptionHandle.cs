namespace Visco.Runtime.Abstractions.Streams;

/// <summary>A subscription to a stream.</summary>
public abstract class StreamSubscriptionHandle<T>
{
    /// <summary>The stream subscribed to.</summary>
    public abstract StreamId StreamId { get; }

    /// <summary>Ends the subscription; no event is delivered to it afterwards.</summary>
    public abstract Task UnsubscribeAsync(CancellationToken cancellationToken = default);
}
