using Visco.Runtime.Abstractions.Storage;
using Visco.Runtime.Abstractions.Streams;
using Visco.Runtime.Tests.Grains;
using Visco.Runtime.Tests.Hosting;
using Visco.TestKit;

namespace Visco.Runtime.Tests;

/// <summary>
/// Commit-managed subscriptions: deliveries run ahead of the commit, the stored checkpoint and trimming follow the
/// commits, and a new observer (new activation, subscribe again, restarted silo) resumes at the commit.
/// </summary>
public abstract class StreamCommitTests<TStore> : ProviderScenarioTests<TStore>
    where TStore : ITestStore, new()
{

    [ProviderFact]
    public async Task Deliveries_RunAheadOfCommit_StoredCheckpointFollowsOnlyCommits()
    {
        var key = NewKey();
        var watcher = $"watch-{key}";
        await Host.Grains.GetGrain<IWatcherGrain>(watcher).Watch();
        await PublishAsync(key, 30);
        await WaitDeliveredAsync(key, 30);
        await Recorder.WaitForAsync($"watch:{watcher}", 30);
        await WaitForCheckpointAsync(Watcher(key), key, 30); // a normal subscriber's checkpoint follows its deliveries

        Assert.Equal(0, await CheckpointAsync(Consumer(key), key));
        await Host.Grains.GetGrain<ICommitConsumerGrain>(key).Commit(12);
        Assert.Equal(12, await CheckpointAsync(Consumer(key), key));

        await PublishAsync(key, 10, from: 31);
        await WaitDeliveredAsync(key, 40);
        await WaitForCheckpointAsync(Watcher(key), key, 40);
        Assert.Equal(12, await CheckpointAsync(Consumer(key), key));
        Assert.Equal(Enumerable.Range(1, 40).Select(i => (long)i), Deliveries(key).Select(d => d.Sequence));
    }

    [ProviderFact]
    public async Task Commit_BelowCurrentIgnored_PastDeliveredRefused_NormalSubscriptionRefused()
    {
        var key = NewKey();
        var grain = Host.Grains.GetGrain<ICommitConsumerGrain>(key);
        await PublishAsync(key, 20);
        await WaitDeliveredAsync(key, 20);

        await grain.Commit(10);
        await grain.Commit(4);
        var beyond = await Assert.ThrowsAsync<ArgumentException>(() => grain.Commit(21));
        var normal = await Assert.ThrowsAsync<InvalidOperationException>(grain.CommitThroughNormalSubscription);

        Assert.Equal(10, await CheckpointAsync(Consumer(key), key));
        Assert.Contains("only up to 20", beyond.Message, StringComparison.Ordinal);
        Assert.Contains("not commit-managed", normal.Message, StringComparison.Ordinal);
    }

    [ProviderFact]
    public async Task LiveObserver_CommitManaged_Refused()
    {
        var stream = Host.Silo.GetStreamProvider().GetStream<Reading>(new StreamId("committed", NewKey()));

        await Assert.ThrowsAsync<InvalidOperationException>(() =>
            stream.SubscribeAsync((_, _) => Task.CompletedTask, new StreamSubscriptionOptions { CommitManaged = true }));
    }

    [ProviderFact]
    public async Task Deactivation_NewActivationGetsEverythingAfterTheCommitAgain()
    {
        var key = NewKey();
        await PublishAsync(key, 20);
        await WaitDeliveredAsync(key, 20);
        await Host.Grains.GetGrain<ICommitConsumerGrain>(key).Commit(5);

        // Nothing new is published: the deactivation itself sends the uncommitted events to a new activation.
        await Host.Grains.GetGrain<ICommitConsumerGrain>(key).Deactivate();
        await WaitDeliveredAsync(key, 35);

        AssertResumedAtCommit(key, firstRun: 20, committed: 5, last: 20);
    }

    [ProviderFact]
    public async Task SubscribeAgain_SameActivation_NewObserverGetsEverythingAfterTheCommit()
    {
        var key = NewKey();
        await PublishAsync(key, 20);
        await WaitDeliveredAsync(key, 20);
        var grain = Host.Grains.GetGrain<ICommitConsumerGrain>(key);
        await grain.Commit(8);

        await grain.Resubscribe();
        await WaitDeliveredAsync(key, 32);
        await PublishAsync(key, 3, from: 21);
        await WaitDeliveredAsync(key, 35);

        AssertResumedAtCommit(key, firstRun: 20, committed: 8, last: 23);
    }

    [ProviderFact]
    public async Task KillAndRestart_DeliveryResumesAtCommit()
    {
        var key = NewKey();
        await PublishAsync(key, 30);
        await WaitDeliveredAsync(key, 30);
        await Host.Grains.GetGrain<ICommitConsumerGrain>(key).Commit(12);

        await Host.KillAndRestartAsync();
        await PublishAsync(key, 5, from: 31);
        await WaitDeliveredAsync(key, 30 + 23);

        AssertResumedAtCommit(key, firstRun: 30, committed: 12, last: 35);
    }

    [ProviderFact]
    public async Task GracefulRestart_CheckpointIsTheCommitNotTheDeliveries()
    {
        var key = NewKey();
        await PublishAsync(key, 30);
        await WaitDeliveredAsync(key, 30);
        await Host.Grains.GetGrain<ICommitConsumerGrain>(key).Commit(17);

        await Host.RestartAsync();
        await PublishAsync(key, 1, from: 31);
        await WaitDeliveredAsync(key, 30 + 14);

        AssertResumedAtCommit(key, firstRun: 30, committed: 17, last: 31);
    }

    [ProviderFact]
    public async Task Trimming_KeepsEverythingAboveTheCommit_WhileOtherSubscribersAreDone()
    {
        var key = NewKey();
        var watcher = $"watch-{key}";
        await Host.Grains.GetGrain<IWatcherGrain>(watcher).Watch();
        // Two publishes, so a delivery ends at 10: a commit inside a delivered batch keeps the batch's lower bound
        // (at most one delivery conservative); at a delivery's end the bound is exact.
        await PublishAsync(key, 10);
        await WaitDeliveredAsync(key, 10);
        await PublishAsync(key, 30, from: 11);
        await WaitDeliveredAsync(key, 40);
        await Recorder.WaitForAsync($"watch:{watcher}", 40);
        await Host.Grains.GetGrain<ICommitConsumerGrain>(key).Commit(10);

        // The reader trims when it finds nothing new: events on another stream make it go round until 1-10 are gone.
        var kept = await TrimUntilAsync(key, stored => !stored.Any(s => s <= 10));

        Assert.Equal(Enumerable.Range(11, 30).Select(i => (long)i), kept);
        await Host.KillAndRestartAsync();
        await WaitDeliveredAsync(key, 40 + 30);
        AssertResumedAtCommit(key, firstRun: 40, committed: 10, last: 40);

        // Once everything is committed nothing holds the events any more.
        await Host.Grains.GetGrain<ICommitConsumerGrain>(key).Commit(40);
        Assert.Empty(await TrimUntilAsync(key, stored => stored.Count == 0));
    }

    private static string NewKey() => Guid.NewGuid().ToString("N");

    private static string Consumer(string key) => $"commit-consumer/{key}";

    private static string Watcher(string key) => $"watcher/watch-{key}";

    private static List<(Guid Subscription, long Sequence)> Deliveries(string key) =>
        [.. Recorder.Get($"cm:{key}").Cast<(Guid, long)>()];

    private static Task WaitDeliveredAsync(string key, int count) => Recorder.WaitForAsync($"cm:{key}", count);

    /// <summary>The first observer got 1..firstRun; the next one everything after the commit, in order, up to last.</summary>
    private static void AssertResumedAtCommit(string key, int firstRun, int committed, int last)
    {
        var deliveries = Deliveries(key);
        var subscriptions = deliveries.Select(d => d.Subscription).Distinct().ToList();
        Assert.Equal(2, subscriptions.Count);
        Assert.Equal(Enumerable.Range(1, firstRun).Select(i => (long)i), deliveries.Where(d => d.Subscription == subscriptions[0]).Select(d => d.Sequence));
        Assert.Equal(
            Enumerable.Range(committed + 1, last - committed).Select(i => (long)i),
            deliveries.Where(d => d.Subscription == subscriptions[1]).Select(d => d.Sequence));
    }

    private Task PublishAsync(string key, int count, int from = 1) =>
        Host.Silo.GetStreamProvider().GetStream<Reading>(new StreamId("committed", key))
            .OnNextBatchAsync([.. Enumerable.Range(from, count).Select(v => new Reading(v))]);

    /// <summary>
    /// Publishes one event at a time on another stream and waits for its delivery, until the events still stored on
    /// <paramref name="key"/>'s stream satisfy <paramref name="done"/> (bounded); returns them.
    /// </summary>
    private async Task<List<long>> TrimUntilAsync(string key, Func<List<long>, bool> done)
    {
        var other = NewKey();
        var watcher = $"watch-{other}";
        await Host.Grains.GetGrain<IWatcherGrain>(watcher).Watch();
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        for (var round = 1; ; round++)
        {
            var stored = await StoredAsync(key);
            if (done(stored) || limit.IsCancellationRequested)
            {
                return stored;
            }

            await Host.Silo.GetStreamProvider().GetStream<Reading>(new StreamId("committed", other)).OnNextAsync(new Reading(round));
            await Recorder.WaitForAsync($"watch:{watcher}", round);
        }
    }

    private async Task<List<long>> StoredAsync(string key) =>
        [.. (await Host.Silo.Store.Streams.ReadStreamAsync(new StreamId("committed", key), 0, 100, CancellationToken.None)).Select(e => e.Sequence)];

    private async Task<long> CheckpointAsync(string subscriber, string key)
    {
        var checkpoints = await Host.Silo.Store.Streams.ReadCheckpointsAsync(CancellationToken.None);
        return checkpoints.SingleOrDefault(c => c.SubscriberId == subscriber && c.Stream == new StreamId("committed", key))?.Sequence ?? 0;
    }

    /// <summary>Waits (bounded) until the agent's checkpoint loop stored a subscriber's checkpoint at least this far.</summary>
    private async Task WaitForCheckpointAsync(string subscriber, string key, long sequence)
    {
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (await CheckpointAsync(subscriber, key) < sequence)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(20), limit.Token);
        }
    }
}
