using Visco.Runtime.Abstractions.Storage;
using Visco.Runtime.Abstractions.Streams;
using Visco.Runtime.Catalog;

namespace Visco.Runtime.Streams;

/// <summary>
/// Subscribing: from a grain a durable subscription (explicit: stored; implicit: by the grain class's attribute), normal
/// or commit-managed; outside grains a live observer.
/// </summary>
internal sealed partial class StreamDeliveryAgent
{
    /// <summary>
    /// Subscribes <paramref name="handler"/> to a stream. From a grain the subscription is durable and the observer is
    /// registered on the calling activation; a commit-managed one starts from its commit (what was delivered to an
    /// earlier observer but not committed comes again). Outside grains it is live (commit-managed is refused).
    /// </summary>
    public async Task<StreamSubscriptionHandle<T>> SubscribeAsync<T>(
        StreamId streamId, IStreamHandler handler, StreamSubscriptionOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (TaskScheduler.Current is ActivationTaskScheduler { Activation: { } activation })
        {
            var subscription = new StreamSubscription(activation.GrainId.ToString(), streamId);
            var implicitly = activation.ClassInfo.ImplicitStreamNamespaces.Contains(streamId.Namespace)
                && activation.GrainId.Key == streamId.Key;
            if (!options.CommitManaged)
            {
                activation.StreamHandlers.Set(streamId, handler);
            }

            if (!implicitly)
            {
                await AddSubscriptionAsync(subscription, cancellationToken);
            }

            Func<StreamSequenceToken, CancellationToken, Task>? commit = null;
            if (options.CommitManaged)
            {
                commit = AttachCommitManaged(activation, subscription, handler);
            }
            else
            {
                AttachNormal(subscription);
            }

            return new SubscriptionHandle<T>(streamId, async ct =>
            {
                activation.StreamHandlers.Remove(streamId);
                if (!implicitly)
                {
                    await RemoveSubscriptionAsync(subscription, ct);
                }
            }, commit);
        }

        if (options.CommitManaged)
        {
            throw new InvalidOperationException(
                $"A commit-managed subscription to stream {streamId} needs a grain: its checkpoint belongs to the subscribing grain. Outside grains a subscription is live only.");
        }

        var live = AddLiveObserver(streamId, handler);
        return new SubscriptionHandle<T>(streamId, _ =>
        {
            live.Dispose();
            return Task.CompletedTask;
        });
    }

    /// <summary>A normal subscription on a lane that was commit-managed before goes on from the commit.</summary>
    private void AttachNormal(StreamSubscription subscription)
    {
        StreamLane? lane;
        var start = false;
        lock (_lock)
        {
            if (_lanes.TryGetValue((subscription.SubscriberId, subscription.Stream), out lane))
            {
                start = lane.Attach(commitManaged: false).StartRunner;
            }
        }

        if (start)
        {
            StartRunner(lane!);
        }
    }

    private Func<StreamSequenceToken, CancellationToken, Task> AttachCommitManaged(
        ActivationData activation, StreamSubscription subscription, IStreamHandler handler)
    {
        StreamLane lane;
        long epoch;
        bool start;
        lock (_lock)
        {
            lane = DurableLane(subscription.SubscriberId, subscription.Stream);
            (epoch, start) = lane.Attach(commitManaged: true);
        }

        var observer = new CommitManagedHandler(handler, lane.Committed);
        activation.StreamHandlers.SetCommitManaged(subscription.Stream, observer, epoch, () =>
        {
            if (lane.Rewind())
            {
                StartRunner(lane);
            }
        });

        if (start)
        {
            StartRunner(lane);
        }

        return (upTo, cancellationToken) => CommitAsync(lane, observer, upTo, cancellationToken);
    }

    /// <summary>
    /// Stores the checkpoint of a commit-managed lane at <paramref name="upTo"/>, then lets the lane (and so trimming)
    /// move past it. The store keeps the highest checkpoint, so commits racing each other cannot move it back.
    /// </summary>
    private async Task CommitAsync(StreamLane lane, CommitManagedHandler observer, StreamSequenceToken upTo, CancellationToken cancellationToken)
    {
        var sequence = upTo.SequenceNumber;
        if (sequence <= lane.Committed)
        {
            return;
        }

        if (sequence > observer.Handed)
        {
            throw new ArgumentException(
                $"Cannot commit stream {lane.Stream} up to {sequence}: this subscription was delivered events only up to {observer.Handed}.",
                nameof(upTo));
        }

        if (lane.Removed)
        {
            throw new InvalidOperationException($"The subscription of {lane.Subscriber} to stream {lane.Stream} was removed; there is nothing to commit.");
        }

        await storage.WriteCheckpointsAsync([new StreamCheckpoint(lane.Subscriber, lane.Stream, sequence)], cancellationToken);
        lane.Commit(sequence);
    }
}
