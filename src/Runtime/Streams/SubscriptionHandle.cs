using Visco.Runtime.Abstractions.Streams;

namespace Visco.Runtime.Streams;

/// <summary>A subscription handle that runs the given actions to unsubscribe and, if commit-managed, to commit.</summary>
internal sealed class SubscriptionHandle<T>(
    StreamId streamId, Func<CancellationToken, Task> unsubscribe, Func<StreamSequenceToken, CancellationToken, Task>? commit = null)
    : StreamSubscriptionHandle<T>
{
    /// <inheritdoc />
    public override StreamId StreamId => streamId;

    /// <inheritdoc />
    public override Task UnsubscribeAsync(CancellationToken cancellationToken = default) => unsubscribe(cancellationToken);

    /// <inheritdoc />
    public override Task CommitAsync(StreamSequenceToken upTo, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(upTo);
        return commit is null
            ? throw new InvalidOperationException(
                $"The subscription to stream {streamId} is not commit-managed: its checkpoint follows the deliveries. Subscribe with StreamSubscriptionOptions {{ CommitManaged = true }} to commit.")
            : commit(upTo, cancellationToken);
    }
}
