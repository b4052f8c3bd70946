using Visco.Runtime.Abstractions;
using Visco.Runtime.Abstractions.Streams;

namespace Visco.Runtime.Tests.Grains;

/// <summary>
/// Consumes ("committed", key) implicitly with a commit-managed batch subscription and commits only when told. Every
/// delivered event is recorded in <c>cm:{key}</c> as (subscription id, sequence), a new id per subscribe.
/// </summary>
public interface ICommitConsumerGrain : IGrainWithStringKey
{
    /// <summary>Commits up to a sequence.</summary>
    Task Commit(long upTo);

    /// <summary>Deactivates when idle.</summary>
    Task Deactivate();

    /// <summary>Unsubscribes and subscribes again (a new observer in the same activation).</summary>
    Task Resubscribe();

    /// <summary>Commits through a normal (not commit-managed) subscription of the same activation; must fail.</summary>
    Task CommitThroughNormalSubscription();
}

[GrainType("commit-consumer")]
[ImplicitStreamSubscription("committed")]
internal sealed class CommitConsumerGrain : Grain, ICommitConsumerGrain
{
    private static readonly StreamSubscriptionOptions CommitManaged = new() { CommitManaged = true };
    private StreamSubscriptionHandle<Reading>? _handle;

    public override async Task OnActivateAsync(CancellationToken cancellationToken) => await SubscribeAsync(cancellationToken);

    public Task Commit(long upTo) => _handle!.CommitAsync(new StreamSequenceToken(upTo));

    public Task Deactivate()
    {
        DeactivateOnIdle();
        return Task.CompletedTask;
    }

    public async Task Resubscribe()
    {
        await _handle!.UnsubscribeAsync();
        await SubscribeAsync(CancellationToken.None);
    }

    public async Task CommitThroughNormalSubscription()
    {
        var other = GetStreamProvider("durable").GetStream<Reading>(new StreamId("readings-normal", GetPrimaryKeyString()));
        var handle = await other.SubscribeAsync((_, _) => Task.CompletedTask);
        try
        {
            await handle.CommitAsync(new StreamSequenceToken(1));
        }
        finally
        {
            await handle.UnsubscribeAsync();
        }
    }

    private async Task SubscribeAsync(CancellationToken cancellationToken)
    {
        var key = GetPrimaryKeyString();
        var subscription = Guid.NewGuid();
        var stream = GetStreamProvider("durable").GetStream<Reading>(new StreamId("committed", key));
        _handle = await stream.SubscribeAsync(
            (IReadOnlyList<SequentialItem<Reading>> items) =>
            {
                foreach (var item in items)
                {
                    Hosting.Recorder.Add($"cm:{key}", (subscription, item.Token.SequenceNumber));
                }

                return Task.CompletedTask;
            },
            CommitManaged,
            cancellationToken);
    }
}

/// <summary>
/// A normal explicit subscriber of ("committed", key) for a grain key <c>watch-{key}</c>: records every event in
/// <c>watch:{grain key}</c>; subscribes on activation, so it resumes after a restart.
/// </summary>
public interface IWatcherGrain : IGrainWithStringKey
{
    /// <summary>Activates it (it subscribes in OnActivateAsync).</summary>
    Task Watch();
}

[GrainType("watcher")]
internal sealed class WatcherGrain : Grain, IWatcherGrain
{
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var me = GetPrimaryKeyString();
        var stream = GetStreamProvider("durable").GetStream<Reading>(new StreamId("committed", me["watch-".Length..]));
        return stream.SubscribeAsync(
            (_, token) =>
            {
                Hosting.Recorder.Add($"watch:{me}", token.SequenceNumber);
                return Task.CompletedTask;
            },
            cancellationToken);
    }

    public Task Watch() => Task.CompletedTask;
}
