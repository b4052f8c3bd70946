namespace Visco.Runtime.Abstractions.Streams;

/// <summary>Receives a stream's events in order, one at a time.</summary>
public interface IAsyncObserver<in T>
{
    /// <summary>The next event; the stream waits for the returned task before delivering the next one.</summary>
    Task OnNextAsync(T item, StreamSequenceToken token);

    /// <summary>Delivery of an event failed for good (it could not be read back); the subscription goes on.</summary>
    Task OnErrorAsync(Exception error) => Task.CompletedTask;
}
