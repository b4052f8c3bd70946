using Visco.Runtime.Abstractions.Streams;
using Visco.Runtime.Abstractions.Storage;
using Visco.TestKit;
using Visco.Runtime.Tests.Grains;
using Visco.Runtime.Tests.Hosting;

namespace Visco.Runtime.Tests;

/// <summary>Durable streams: order, implicit and explicit subscriptions, redelivery, crash recovery.</summary>
public abstract class StreamTests<TStore> : ProviderScenarioTests<TStore>
    where TStore : ITestStore, new()
{

    [ProviderFact]
    public async Task ImplicitSubscription_PublishedInOrder_ConsumedInOrderWithSequenceTokens()
    {
        var key = $"order-{Guid.NewGuid():N}";
        var values = Enumerable.Range(100, 200).ToArray(); // 13 would fail once on purpose

        await Host.Grains.GetGrain<IPublisherGrain>(key).Publish(values);
        var tokens = await Recorder.WaitForAsync($"implicit:{key}", values.Length);

        Assert.Equal(Enumerable.Range(1, 200).Select(i => (object)(long)i), tokens);
        Assert.Equal(values, await Host.Grains.GetGrain<IImplicitConsumerGrain>(key).Consumed());
    }

    [ProviderFact]
    public async Task Delivery_ObserverThrows_RedeliveredWithSameTokenAndNothingLost()
    {
        var key = $"retry-{Guid.NewGuid():N}";

        await Host.Grains.GetGrain<IPublisherGrain>(key).Publish([12, 13, 14]);
        await Recorder.WaitForAsync($"implicit:{key}", 4);

        Assert.Equal(new[] { 12, 13, 14 }, await Host.Grains.GetGrain<IImplicitConsumerGrain>(key).Consumed());
        Assert.Equal(new object[] { 1L, 2L, 2L, 3L }, Recorder.Get($"implicit:{key}"));
    }

    [ProviderFact]
    public async Task Kill_WhileDelivering_AfterRestartEveryEventConsumedOnce()
    {
        var key = $"crash-{Guid.NewGuid():N}";
        var log = $"implicit:{key}";
        await Host.Grains.GetGrain<IPublisherGrain>(key).Publish(Enumerable.Range(1, 60).Where(i => i != 13).ToArray());

        // The consumer holds at reading 30: kill while events 1..29 are delivered and the rest are not.
        await Recorder.WaitUntilAsync(log, entries => entries.Contains(29L), "delivery reached reading 30");
        var beforeKill = Recorder.Get(log).Count;
        await Host.KillAndRestartAsync();
        ImplicitConsumerGrain.Open(key);
        await Host.Grains.GetGrain<IPublisherGrain>(key).Publish(Enumerable.Range(61, 40).ToArray());
        await Recorder.WaitUntilAsync(log, entries => entries.Contains(99L), "the last event delivered");

        var consumed = await Host.Grains.GetGrain<IImplicitConsumerGrain>(key).Consumed();
        Assert.Equal(Enumerable.Range(1, 100).Where(i => i != 13), consumed);
        var deliveries = Recorder.Get(log).Cast<long>().ToList();
        Assert.Equal(Enumerable.Range(1, 99).Select(i => (long)i), deliveries.Distinct().Order());
        Assert.Equal(29, beforeKill);
    }

    [ProviderFact]
    public async Task ExplicitSubscription_FromGrain_ReceivesEventsPublishedAfterSubscribing()
    {
        var key = $"explicit-{Guid.NewGuid():N}";
        var subscriber = $"sub-{Guid.NewGuid():N}";
        await Host.Grains.GetGrain<IExplicitConsumerGrain>(subscriber).Subscribe(key);

        await Host.Grains.GetGrain<IPublisherGrain>(key).Publish([5, 6, 7]);
        var received = await Recorder.WaitForAsync($"explicit:{subscriber}", 3);

        Assert.Equal(new object[] { 5, 6, 7 }, received);
    }

    [ProviderFact]
    public async Task LiveObserver_OutsideGrains_SeesEventsPublishedAfterSubscribing()
    {
        var key = $"live-{Guid.NewGuid():N}";
        var stream = Host.Silo.GetStreamProvider().GetStream<Reading>(new StreamId("readings", key));
        var seen = new List<long>();
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var handle = await stream.SubscribeAsync((_, token) =>
        {
            seen.Add(token.SequenceNumber);
            if (seen.Count == 3)
            {
                done.TrySetResult();
            }

            return Task.CompletedTask;
        });

        await stream.OnNextBatchAsync([new Reading(1), new Reading(2), new Reading(3)]);
        await done.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await handle.UnsubscribeAsync();

        Assert.Equal(new long[] { 1, 2, 3 }, seen);
    }

    [ProviderFact]
    public async Task ImmutableEvent_PublishedInThisSilo_EveryObserverGetsThePublishersInstance()
    {
        // Read back from the store by the agent, claimed from the published events and carried to every lane.
        var stream = Host.Silo.GetStreamProvider().GetStream<SharedNote>(new StreamId("shared-notes", $"claim-{Guid.NewGuid():N}"));
        var received = new System.Collections.Concurrent.ConcurrentBag<(int Observer, SharedNote Note)>();
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var handles = new List<StreamSubscriptionHandle<SharedNote>>();
        for (var observer = 0; observer < 2; observer++)
        {
            var id = observer;
            handles.Add(await stream.SubscribeAsync((note, _) =>
            {
                received.Add((id, note));
                if (received.Count == 4)
                {
                    done.TrySetResult();
                }

                return Task.CompletedTask;
            }));
        }

        var first = new SharedNote("first", [1.0, 2.0]);
        var second = new SharedNote("second", [3.0]);
        await stream.OnNextAsync(first);
        await stream.OnNextBatchAsync([second]);
        await done.Task.WaitAsync(TimeSpan.FromSeconds(10));
        foreach (var handle in handles)
        {
            await handle.UnsubscribeAsync();
        }

        Assert.Equal(4, received.Count);
        Assert.All(received, r => Assert.Same(r.Note.Text == "first" ? first : second, r.Note));
    }

    [ProviderFact]
    public async Task BatchObserver_Implicit_ReceivesConsecutiveEventsInBatchesInOrder()
    {
        var key = $"batched-{Guid.NewGuid():N}";
        var values = Enumerable.Range(1000, 600).ToArray();

        await Host.Grains.GetGrain<IPublisherGrain>(key).PublishBatch("batched", values);
        var received = await Recorder.WaitForAsync($"batched:{key}", values.Length);

        Assert.Equal(values.Select((v, i) => (object)(v, (long)i + 1)), received);
        var starts = Recorder.Get($"batch-starts:{key}").Cast<long>().ToList();
        Assert.True(starts.Count < values.Length, $"{starts.Count} batches for {values.Length} events: not batched");
        Assert.Equal(1L, starts[0]);
    }

    [ProviderFact]
    public async Task BatchObserver_BatchFaults_WholeBatchRedeliveredWithSameTokens()
    {
        var key = $"batched-retry-{Guid.NewGuid():N}";

        await Host.Grains.GetGrain<IPublisherGrain>(key).PublishBatch("batched", [11, 12, 13, 14]);
        var received = await Recorder.WaitForAsync($"batched:{key}", 4);

        // Nothing of the failed batch was kept, then all of it came again, from the same first token.
        Assert.Equal(new object[] { (11, 1L), (12, 2L), (13, 3L), (14, 4L) }, received);
        var failedAt = (long)Recorder.Get($"failed:{key}").Single();
        var starts = Recorder.Get($"batch-starts:{key}").Cast<long>().ToList();
        Assert.Equal(2, starts.Count(s => s == failedAt));
    }

    [ProviderFact]
    public async Task BatchObserver_LiveOutsideGrains_SeesEventsInOrderWithTokens()
    {
        var key = $"live-batch-{Guid.NewGuid():N}";
        var stream = Host.Silo.GetStreamProvider().GetStream<Reading>(new StreamId("readings", key));
        var seen = new List<(int, long)>();
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var handle = await stream.SubscribeAsync((IReadOnlyList<SequentialItem<Reading>> items) =>
        {
            seen.AddRange(items.Select(i => (i.Item.Value, i.Token.SequenceNumber)));
            if (seen.Count == 300)
            {
                done.TrySetResult();
            }

            return Task.CompletedTask;
        });

        await stream.OnNextBatchAsync([.. Enumerable.Range(1, 300).Select(v => new Reading(v))]);
        await done.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await handle.UnsubscribeAsync();

        Assert.Equal(Enumerable.Range(1, 300).Select(v => (v, (long)v)), seen);
    }

    [ProviderFact]
    public async Task BatchObserver_EventOfAnotherType_ReportedToOnErrorAndTheRestDelivered()
    {
        var key = $"batched-bad-{Guid.NewGuid():N}";
        var provider = Host.Silo.GetStreamProvider();
        await provider.GetStream<Reading>(new StreamId("batched", key)).OnNextAsync(new Reading(1));
        await provider.GetStream<string>(new StreamId("batched", key)).OnNextAsync("not a reading");
        await provider.GetStream<Reading>(new StreamId("batched", key)).OnNextBatchAsync([new Reading(3), new Reading(4)]);

        var received = await Recorder.WaitForAsync($"batched:{key}", 3);
        var error = (string)Assert.Single(await Recorder.WaitForAsync($"errors:{key}", 1));

        Assert.Equal(new object[] { (1, 1L), (3, 3L), (4, 4L) }, received);
        Assert.Contains("Event 2 of stream batched/", error, StringComparison.Ordinal);
    }
}
