using Visco.Runtime.Abstractions.Streams;

namespace Visco.Runtime.Streams;

/// <summary>A subscription handle that runs the given action to unsubscribe.</summary>
internal sealed class SubscriptionHandle<T>(StreamId streamId, Func<CancellationToken, Task> unsubscribe) : StreamSubscriptionHandle<T>
{
    /// <inheritdoc />
    public override StreamId StreamId => streamId;

    /// <inheritdoc />
    public override Task UnsubscribeAsync(CancellationToken cancellationToken = default) => unsubscribe(cancellationToken);
}
