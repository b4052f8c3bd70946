using Visco.Runtime.Abstractions.Storage;
using Visco.Runtime.Storage.Batching;

namespace Visco.Runtime.Storage.Operations;

/// <summary>Adds (idempotently) or removes (with its checkpoint) an explicit subscription.</summary>
internal sealed class SubscriptionOp(StreamSubscription subscription, bool add, CancellationToken cancellationToken)
    : WriteOp<bool>(add ? "add subscription" : "remove subscription", cancellationToken)
{
    public StreamSubscription Subscription { get; } = subscription;

    public bool Add { get; } = add;

    public override string Target => $"{Subscription.SubscriberId} on {StorageErrors.Describe(Subscription.Stream)}";
}
