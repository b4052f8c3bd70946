using Visco.Runtime.Abstractions.Storage;
using Visco.Runtime.Abstractions.Streams;

using Visco.TestKit;

namespace Visco.Runtime.Storage.Tests;

/// <summary>The stream queue part of the conformance suite.</summary>
public abstract partial class RuntimeStoreConformanceTests
{
    private static readonly StreamId StreamA = new("measurements", "hospital-a");
    private static readonly StreamId StreamB = new("measurements", "hospital-b");

    [ProviderFact]
    public async Task AppendAsync_TwoStreams_SequencesCountFromOneIndependently()
    {
        Assert.Equal(1, await Store.Streams.AppendAsync(StreamA, [Payload(1), Payload(2)], CancellationToken.None));
        Assert.Equal(1, await Store.Streams.AppendAsync(StreamB, [Payload(3)], CancellationToken.None));
        Assert.Equal(3, await Store.Streams.AppendAsync(StreamA, [Payload(4)], CancellationToken.None));
        Assert.Equal(2, await Store.Streams.AppendAsync(StreamB, [Payload(5), Payload(6), Payload(7)], CancellationToken.None));

        var events = await Store.Streams.ReadAsync(0, 100, CancellationToken.None);

        Assert.Equal([1, 2, 3, 4, 5, 6, 7], events.Select(e => (int)e.Payload[0]));
        Assert.Equal([1L, 2, 3], events.Where(e => e.Stream == StreamA).Select(e => e.Sequence));
        Assert.Equal([1L, 2, 3, 4], events.Where(e => e.Stream == StreamB).Select(e => e.Sequence));
        Assert.All(events, e => Assert.Equal(TimeSpan.Zero, e.EnqueuedAt.Offset));
    }

    [ProviderFact]
    public async Task AppendAsync_ManyConcurrentSingleEvents_EachSequenceReturnedHoldsItsOwnPayload()
    {
        // Appends committed together (group commit) are coalesced per stream by some stores: the sequence each caller
        // gets back must still be the one its event was stored under, in its stream, with its enqueue time.
        var appended = await Task.WhenAll(Enumerable.Range(0, 300).Select(i => Task.Run(async () =>
        {
            var stream = i % 3 == 0 ? StreamB : StreamA;
            var payload = new byte[] { (byte)(i >> 8), (byte)i, 7 };
            return (Stream: stream, Id: i, Sequence: await Store.Streams.AppendAsync(stream, [payload], CancellationToken.None));
        })));

        var stored = (await Store.Streams.ReadAsync(0, 1_000, CancellationToken.None))
            .ToDictionary(e => (e.Stream, e.Sequence), e => (e.Payload[0] << 8) | e.Payload[1]);

        Assert.Equal(300, stored.Count);
        Assert.All(appended, a => Assert.Equal(a.Id, stored[(a.Stream, a.Sequence)]));
        Assert.Equal(Enumerable.Range(1, 100).Select(i => (long)i), appended.Where(a => a.Stream == StreamB).Select(a => a.Sequence).Order());
        Assert.Equal(Enumerable.Range(1, 200).Select(i => (long)i), appended.Where(a => a.Stream == StreamA).Select(a => a.Sequence).Order());
    }

    [ProviderFact]
    public async Task ReadAsync_AfterPositionAndMaxCount_PagesInPositionOrder()
    {
        await Store.Streams.AppendAsync(StreamA, [.. Enumerable.Range(0, 10).Select(Payload)], CancellationToken.None);
        var all = await Store.Streams.ReadAsync(0, 100, CancellationToken.None);

        var page = await Store.Streams.ReadAsync(all[3].Position, 4, CancellationToken.None);

        Assert.Equal(all.Skip(4).Take(4).Select(e => e.Position), page.Select(e => e.Position));
        Assert.Empty(await Store.Streams.ReadAsync(all[^1].Position, 10, CancellationToken.None));
    }

    [ProviderFact]
    public async Task ReadStreamAsync_AfterSequence_OnlyThatStreamInSequenceOrderPaged()
    {
        await Store.Streams.AppendAsync(StreamA, [Payload(1), Payload(2)], CancellationToken.None);
        await Store.Streams.AppendAsync(StreamB, [Payload(3)], CancellationToken.None);
        await Store.Streams.AppendAsync(StreamA, [Payload(4), Payload(5), Payload(6)], CancellationToken.None);

        var page = await Store.Streams.ReadStreamAsync(StreamA, 1, 3, CancellationToken.None);
        var rest = await Store.Streams.ReadStreamAsync(StreamA, page[^1].Sequence, 10, CancellationToken.None);

        Assert.Equal([2L, 3, 4], page.Select(e => e.Sequence));
        Assert.Equal([2, 4, 5], page.Select(e => (int)e.Payload[0]));
        Assert.All(page.Concat(rest), e => Assert.Equal(StreamA, e.Stream));
        Assert.Equal([5L], rest.Select(e => e.Sequence));
        Assert.True(page[0].Position < page[1].Position && page[1].Position < page[2].Position);
        Assert.Empty(await Store.Streams.ReadStreamAsync(StreamA, 5, 10, CancellationToken.None));
        Assert.Empty(await Store.Streams.ReadStreamAsync(new StreamId("measurements", "nobody"), 0, 10, CancellationToken.None));
    }

    [ProviderFact]
    public async Task ReadStreamAsync_AfterTrim_StartsAtTheFirstKeptEvent()
    {
        await Store.Streams.AppendAsync(StreamA, [Payload(1), Payload(2), Payload(3)], CancellationToken.None);
        var all = await Store.Streams.ReadAsync(0, 10, CancellationToken.None);

        await Store.Streams.TrimAsync(all[1].Position, CancellationToken.None);

        Assert.Equal([3L], (await Store.Streams.ReadStreamAsync(StreamA, 0, 10, CancellationToken.None)).Select(e => e.Sequence));
    }

    [ProviderFact]
    public async Task ReadAsync_ConcurrentAppenders_ReaderFollowingPositionsSkipsNothing()
    {
        var streams = Enumerable.Range(0, 8).Select(i => new StreamId("load", $"s{i}")).ToArray();
        var seen = new List<StoredStreamEvent>();
        var appenders = Task.WhenAll(streams.Select(stream => Task.Run(async () =>
        {
            for (var i = 0; i < 40; i++)
            {
                await Store.Streams.AppendAsync(stream, [Payload(i), Payload(i)], CancellationToken.None);
            }
        })));

        // Follow positions while appends commit, as the stream delivery does: a late-visible event would be skipped.
        var last = 0L;
        while (!appenders.IsCompleted || last < await LastPositionAsync())
        {
            var batch = await Store.Streams.ReadAsync(last, 50, CancellationToken.None);
            seen.AddRange(batch);
            last = batch.Count > 0 ? batch[^1].Position : last;
            await Task.Yield();
        }

        await appenders.WaitAsync(Bound);
        var all = await Store.Streams.ReadAsync(0, 10_000, CancellationToken.None);
        Assert.Equal(streams.Length * 80, all.Count);
        Assert.Equal(all.Select(e => e.Position), seen.Select(e => e.Position));
        Assert.True(all.Zip(all.Skip(1)).All(p => p.First.Position < p.Second.Position));
        foreach (var stream in streams)
        {
            Assert.Equal(Enumerable.Range(1, 80).Select(i => (long)i), all.Where(e => e.Stream == stream).Select(e => e.Sequence));
        }
    }

    [ProviderFact]
    public async Task WriteCheckpointsAsync_LowerSequence_NeverMovesBackwards()
    {
        await Store.Streams.WriteCheckpointsAsync(
            [new StreamCheckpoint("archive/a", StreamA, 5), new StreamCheckpoint("archive/a", StreamB, 2)], CancellationToken.None);
        await Store.Streams.WriteCheckpointsAsync(
            [new StreamCheckpoint("archive/a", StreamA, 3), new StreamCheckpoint("archive/a", StreamB, 7)], CancellationToken.None);

        var checkpoints = await Store.Streams.ReadCheckpointsAsync(CancellationToken.None);

        Assert.Equal(5, Assert.Single(checkpoints, c => c.Stream == StreamA).Sequence);
        Assert.Equal(7, Assert.Single(checkpoints, c => c.Stream == StreamB).Sequence);
    }

    [ProviderFact]
    public async Task Subscriptions_AddTwiceRemoveTwice_IdempotentAndRemoveDropsCheckpoint()
    {
        var subscription = new StreamSubscription("archive/a", StreamA);
        await Store.Streams.AddSubscriptionAsync(subscription, CancellationToken.None);
        await Store.Streams.AddSubscriptionAsync(subscription, CancellationToken.None);
        await Store.Streams.AddSubscriptionAsync(new StreamSubscription("archive/b", StreamA), CancellationToken.None);
        await Store.Streams.WriteCheckpointsAsync([new StreamCheckpoint("archive/a", StreamA, 4)], CancellationToken.None);

        Assert.Equal(2, (await Store.Streams.ReadSubscriptionsAsync(CancellationToken.None)).Count);
        Assert.Contains(subscription, await Store.Streams.ReadSubscriptionsAsync(CancellationToken.None));

        await Store.Streams.RemoveSubscriptionAsync(subscription, CancellationToken.None);
        await Store.Streams.RemoveSubscriptionAsync(subscription, CancellationToken.None);

        Assert.Equal([new StreamSubscription("archive/b", StreamA)], await Store.Streams.ReadSubscriptionsAsync(CancellationToken.None));
        Assert.Empty(await Store.Streams.ReadCheckpointsAsync(CancellationToken.None));
    }

    [ProviderFact]
    public async Task TrimAsync_UpToPosition_DeletesOnlyThoseAndSequencesContinue()
    {
        await Store.Streams.AppendAsync(StreamA, [Payload(1), Payload(2), Payload(3)], CancellationToken.None);
        var all = await Store.Streams.ReadAsync(0, 10, CancellationToken.None);

        await Store.Streams.TrimAsync(all[1].Position, CancellationToken.None);
        Assert.Equal([all[2].Position], (await Store.Streams.ReadAsync(0, 10, CancellationToken.None)).Select(e => e.Position));

        await Store.Streams.TrimAsync(all[2].Position, CancellationToken.None);
        Assert.Equal(4, await Store.Streams.AppendAsync(StreamA, [Payload(4)], CancellationToken.None));
        var after = Assert.Single(await Store.Streams.ReadAsync(0, 10, CancellationToken.None));
        Assert.True(after.Position > all[2].Position);
    }

    private static ReadOnlyMemory<byte> Payload(int value) => new[] { (byte)value, (byte)(value >> 8) };

    private async Task<long> LastPositionAsync()
    {
        var last = 0L;
        while (true)
        {
            var batch = await Store.Streams.ReadAsync(last, 1000, CancellationToken.None);
            if (batch.Count == 0)
            {
                return last;
            }

            last = batch[^1].Position;
        }
    }
}
