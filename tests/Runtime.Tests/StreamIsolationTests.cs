using Visco.Runtime.Abstractions.Storage;
using Visco.Runtime.Hosting;
using Visco.Runtime.Tests.Grains;
using Visco.Runtime.Tests.Hosting;
using Visco.TestKit;

namespace Visco.Runtime.Tests;

/// <summary>
/// No head-of-line blocking: a throwing or stuck subscriber holds up only itself, on its own stream and others, and
/// catches up in order with nothing lost once it recovers. Small read and delivery batches make lanes overflow their
/// buffers and re-read from storage, and the queue be trimmed while a subscriber is still behind.
/// </summary>
public abstract class StreamIsolationTests<TStore> : ProviderScenarioTests<TStore>
    where TStore : ITestStore, new()
{

    [ProviderFact]
    public Task ThrowingSubscriber_OthersOnSameAndOtherStreamGoOn_ThenItCatchesUpInOrder() =>
        SlowSubscriberScenarioAsync(ConsumerSwitch.Throw, batch: false);

    [ProviderFact]
    public Task BlockedSubscriber_OthersOnSameAndOtherStreamGoOn_ThenItCatchesUpInOrder() =>
        SlowSubscriberScenarioAsync(ConsumerSwitch.Block, batch: false);

    [ProviderFact]
    public Task ThrowingBatchSubscriber_OthersGoOn_ThenWholeBatchesRedeliveredInOrder() =>
        SlowSubscriberScenarioAsync(ConsumerSwitch.Throw, batch: true);

    [ProviderFact]
    public Task BlockedBatchSubscriber_OthersGoOn_ThenItCatchesUpInOrder() =>
        SlowSubscriberScenarioAsync(ConsumerSwitch.Block, batch: true);

    [ProviderFact]
    public async Task StuckSubscriber_KillAndRestart_ResumesFromItsCheckpointWhileOthersWereDone()
    {
        var (stream, bad, good) = (Name("stream"), Name("bad"), Name("good"));
        await SubscribeAsync(bad, stream, batch: true);
        await SubscribeAsync(good, stream, batch: true);
        ConsumerSwitch.Block(bad);
        await Publisher(stream).PublishBatch("readings", [.. Enumerable.Range(1, 40)]);
        await Recorder.WaitForAsync($"got:{good}", 40);

        await Host.KillAndRestartAsync();
        ConsumerSwitch.Release(bad); // the killed silo's turn may now end; its checkpoint can no longer be stored
        await SubscribeAsync(bad, stream, batch: true); // explicit subscribers register their observer again
        await SubscribeAsync(good, stream, batch: true);
        await Publisher(stream).PublishBatch("readings", [.. Enumerable.Range(41, 10)]);

        await Recorder.WaitUntilAsync($"got:{bad}", e => e.Contains(50L), "the stuck subscriber caught up");
        await Recorder.WaitUntilAsync($"got:{good}", e => e.Contains(50L), "the other subscriber got the new events");
        Assert.Equal(Enumerable.Range(1, 50).Select(i => (long)i), Distinct($"got:{bad}"));
        Assert.Equal(Enumerable.Range(1, 50).Select(i => (long)i), Distinct($"got:{good}"));
    }

    /// <inheritdoc />
    protected override void Configure(SiloOptions options)
    {
        options.StreamBatchSize = 8;          // the reader reads 8 events at a time
        options.StreamDeliveryBatchSize = 4;  // 4 per delivery, 16 buffered per lane
        options.StreamBufferedEvents = 64;    // in all lanes together
        options.StreamRetryMaxBackoff = TimeSpan.FromMilliseconds(100);
    }

    private async Task SlowSubscriberScenarioAsync(Action<string> misbehave, bool batch)
    {
        var (stream, other, bad, good, goodElsewhere) = (Name("stream"), Name("other"), Name("bad"), Name("good"), Name("elsewhere"));
        await SubscribeAsync(bad, stream, batch);
        await SubscribeAsync(good, stream, batch);
        await SubscribeAsync(goodElsewhere, other, batch);
        misbehave(bad);

        // The first event reaches the bad subscriber, which fails or holds it; everything after must still flow.
        await Publisher(stream).PublishBatch("readings", [1]);
        await Recorder.WaitForAsync($"attempts:{bad}", 1);
        await Publisher(stream).PublishBatch("readings", [.. Enumerable.Range(2, 199)]);
        await Publisher(other).PublishBatch("readings", [.. Enumerable.Range(1, 200)]);
        await Recorder.WaitForAsync($"got:{good}", 200);
        await Recorder.WaitForAsync($"got:{goodElsewhere}", 200);
        Assert.Empty(Recorder.Get($"got:{bad}"));

        ConsumerSwitch.Release(bad);
        var got = await Recorder.WaitForAsync($"got:{bad}", 200);

        // In order, nothing lost, and (no crash) nothing twice.
        Assert.Equal(Enumerable.Range(1, 200).Select(i => (object)(long)i), got);
        Assert.Equal(Enumerable.Range(1, 200).Select(i => (object)(long)i), Recorder.Get($"got:{good}"));
        if (batch)
        {
            Assert.All(Recorder.Get($"batches:{bad}").Cast<int>(), size => Assert.InRange(size, 1, 4));
            Assert.Contains(4, Recorder.Get($"batches:{good}").Cast<int>());
        }
    }

    private Task SubscribeAsync(string subscriber, string streamKey, bool batch) =>
        Host.Grains.GetGrain<IControlledConsumerGrain>(subscriber).Subscribe(streamKey, batch);

    private IPublisherGrain Publisher(string streamKey) => Host.Grains.GetGrain<IPublisherGrain>(streamKey);

    private static IEnumerable<long> Distinct(string log) => Recorder.Get(log).Cast<long>().Distinct().Order();

    private static string Name(string what) => $"{what}-{Guid.NewGuid():N}";
}
