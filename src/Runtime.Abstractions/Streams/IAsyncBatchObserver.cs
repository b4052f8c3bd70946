namespace Visco.Runtime.Abstractions.Streams;

/// <summary>
/// Receives a stream's events in order, several at a time (Orleans' <c>IAsyncBatchObserver</c>): fewer turns and one
/// checkpoint per batch instead of one per event.
/// </summary>
public interface IAsyncBatchObserver<T>
{
    /// <summary>
    /// Consecutive events of one stream, in order. The subscriber's checkpoint advances past all of them when the
    /// returned task completes; if it faults, the whole batch is delivered again (at least once, same tokens).
    /// </summary>
    Task OnNextAsync(IReadOnlyList<SequentialItem<T>> items);

    /// <summary>An event could not be read back (it is skipped, reported here); the subscription goes on.</summary>
    Task OnErrorAsync(Exception error) => Task.CompletedTask;
}
