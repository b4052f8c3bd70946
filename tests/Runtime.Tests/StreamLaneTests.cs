using Visco.Runtime.Abstractions.Storage;
using Visco.Runtime.Abstractions.Streams;
using Visco.Runtime.Streams;

namespace Visco.Runtime.Tests;

/// <summary>
/// One subscriber's lane on its own: what it delivers next, when it must re-read from storage, and the lowest position
/// it may still need (what trimming must stay below).
/// </summary>
public sealed class StreamLaneTests
{
    private static readonly StreamId Stream = new("readings", "lane");

    [Fact]
    public void Offer_FirstEventStartsOneRunner_LaterOnesJoinIt()
    {
        var lane = NewLane(checkpoint: 0, new StreamBufferBudget(16, 100));

        Assert.True(lane.Offer(Event(1)));
        Assert.False(lane.Offer(Event(2)));
        Assert.Equal([1L, 2], lane.NextFromBuffer(10, allowGap: false)!.Select(e => e.Sequence));
    }

    [Fact]
    public void NextFromBuffer_AtMostMax_ThenTheRestAfterAdvance_ThenNullWhenCaughtUp()
    {
        var budget = new StreamBufferBudget(16, 100);
        var lane = NewLane(checkpoint: 0, budget);
        foreach (var sequence in Enumerable.Range(1, 5))
        {
            lane.Offer(Event(sequence));
        }

        var first = lane.NextFromBuffer(3, allowGap: false)!;
        lane.Advance(first[^1], next: null, lane.Epoch);
        var rest = lane.NextFromBuffer(3, allowGap: false)!;
        lane.Advance(rest[^1], next: null, lane.Epoch);

        Assert.Equal([1L, 2, 3], first.Select(e => e.Sequence));
        Assert.Equal([4L, 5], rest.Select(e => e.Sequence));
        Assert.Null(lane.NextFromBuffer(3, allowGap: false));
        Assert.Equal(0, budget.Held);
        Assert.Equal(long.MaxValue, lane.OldestPending);
    }

    [Fact]
    public void Offer_LaneBufferFull_EventOnlyNoted_DurableLaneAsksForStorageRead()
    {
        var lane = NewLane(checkpoint: 0, new StreamBufferBudget(2, 100));
        foreach (var sequence in Enumerable.Range(1, 4))
        {
            lane.Offer(Event(sequence));
        }

        var buffered = lane.NextFromBuffer(10, allowGap: false)!;
        lane.Advance(buffered[^1], next: null, lane.Epoch);

        Assert.Equal([1L, 2], buffered.Select(e => e.Sequence));
        Assert.Empty(lane.NextFromBuffer(10, allowGap: false)!); // 3 and 4 were not kept: read them from storage
        Assert.Equal(2, lane.Lag);
    }

    [Fact]
    public void Offer_SilowideBudgetExhausted_NotKeptAndReturnedWhenHandled()
    {
        var budget = new StreamBufferBudget(16, 3);
        var first = NewLane(checkpoint: 0, budget);
        var second = new StreamLane("other", new StreamId("readings", "other"), 0, durable: true, budget, (_, _) => Task.CompletedTask);
        foreach (var sequence in Enumerable.Range(1, 3))
        {
            first.Offer(Event(sequence));
        }

        second.Offer(Event(1, new StreamId("readings", "other")));

        Assert.Equal(3, budget.Held);
        Assert.Empty(second.NextFromBuffer(10, allowGap: false)!);
        var batch = first.NextFromBuffer(10, allowGap: false)!;
        first.Advance(batch[^1], next: null, first.Epoch);
        Assert.Equal(0, budget.Held);
    }

    [Fact]
    public void OldestPending_StaysAtFirstUnhandledPosition_UntilHandled()
    {
        var lane = NewLane(checkpoint: 0, new StreamBufferBudget(16, 100));
        lane.Offer(Event(1, position: 10));
        lane.Offer(Event(2, position: 20));
        lane.Offer(Event(3, position: 30));

        var batch = lane.NextFromBuffer(10, allowGap: false)!;
        Assert.Equal(10, lane.OldestPending);

        // The observer failed after one event: the next one it needs sits at position 20.
        lane.Advance(batch[0], batch[1], lane.Epoch);
        Assert.Equal(20, lane.OldestPending);
        Assert.Equal(1, lane.Delivered);

        lane.Advance(batch[^1], next: null, lane.Epoch);
        Assert.Equal(long.MaxValue, lane.OldestPending);
    }

    [Fact]
    public void Offer_AtOrBelowCheckpoint_Ignored()
    {
        var lane = NewLane(checkpoint: 5, new StreamBufferBudget(16, 100));

        Assert.False(lane.Offer(Event(4)));
        Assert.False(lane.Offer(Event(5)));
        Assert.Null(lane.NextFromBuffer(10, allowGap: false));
        Assert.True(lane.Offer(Event(6)));
    }

    [Fact]
    public void NextFromBuffer_GapAfterDroppedEvents_DurableWaitsForReread_LiveSkipsAhead()
    {
        var durable = NewLane(checkpoint: 0, new StreamBufferBudget(1, 100));
        var live = new StreamLane("live:1", Stream, 0, durable: false, new StreamBufferBudget(1, 100), (_, _) => Task.CompletedTask);
        foreach (var lane in new[] { durable, live })
        {
            lane.Offer(Event(1));
            lane.Offer(Event(2)); // not kept: the buffer holds one
            var first = lane.NextFromBuffer(10, allowGap: !lane.Durable)!;
            lane.Advance(first[^1], next: null, lane.Epoch);
            lane.Offer(Event(3)); // kept again
        }

        Assert.Empty(durable.NextFromBuffer(10, allowGap: false)!);
        Assert.Equal([3L], live.NextFromBuffer(10, allowGap: true)!.Select(e => e.Sequence));
    }

    [Fact]
    public void Release_ReturnsBudgetAndStopsTheLane()
    {
        var budget = new StreamBufferBudget(16, 100);
        var lane = NewLane(checkpoint: 0, budget);
        lane.Offer(Event(1));

        lane.Release();

        Assert.Equal(0, budget.Held);
        Assert.False(lane.Offer(Event(2)));
        Assert.Null(lane.NextFromBuffer(10, allowGap: false));
    }

    [Fact]
    public void CommitManaged_DeliveredButNotCommitted_OldestPendingStaysAtFirstUncommittedUntilCommit()
    {
        var lane = NewLane(checkpoint: 0, new StreamBufferBudget(16, 100));
        lane.Attach(commitManaged: true);
        foreach (var sequence in Enumerable.Range(1, 6))
        {
            lane.Offer(Event(sequence, position: sequence * 10));
        }

        var first = lane.NextFromBuffer(3, allowGap: false)!;
        lane.Advance(first[^1], next: null, lane.Epoch);
        var second = lane.NextFromBuffer(3, allowGap: false)!;
        lane.Advance(second[^1], next: null, lane.Epoch);

        Assert.Equal(6, lane.Delivered);
        Assert.Equal(0, lane.Committed);
        Assert.Equal(10, lane.OldestPending);
        Assert.True(lane.Commit(3));
        Assert.Equal(40, lane.OldestPending);
        Assert.True(lane.Commit(6));
        Assert.Equal(long.MaxValue, lane.OldestPending);
    }

    [Fact]
    public void Commit_AtOrBelowCurrent_Ignored_PastDelivered_MovesDeliveredToo()
    {
        var lane = NewLane(checkpoint: 2, new StreamBufferBudget(16, 100));
        lane.Attach(commitManaged: true);
        foreach (var sequence in Enumerable.Range(3, 4))
        {
            lane.Offer(Event(sequence));
        }

        var batch = lane.NextFromBuffer(10, allowGap: false)!;

        Assert.False(lane.Commit(2));
        Assert.False(lane.Commit(1));
        Assert.True(lane.Commit(5)); // committed by the observer while the delivery of 3..6 is still under way
        Assert.Equal(5, lane.Delivered);
        Assert.Equal(5, lane.Committed);
        lane.Advance(batch[0], batch[1], lane.Epoch); // the delivery then failed after one event
        Assert.Equal([6L], lane.NextFromBuffer(10, allowGap: false)!.Select(e => e.Sequence));
    }

    [Fact]
    public void Rewind_DeliveredGoesBackToCommit_DeliveryTakenBeforeNoLongerCounts()
    {
        var budget = new StreamBufferBudget(16, 100);
        var lane = NewLane(checkpoint: 0, budget);
        var (epoch, _) = lane.Attach(commitManaged: true);
        foreach (var sequence in Enumerable.Range(1, 8))
        {
            lane.Offer(Event(sequence));
        }

        var first = lane.NextFromBuffer(4, allowGap: false)!;
        lane.Advance(first[^1], next: null, epoch);
        lane.Commit(2);
        var inFlight = lane.NextFromBuffer(4, allowGap: false)!;

        Assert.False(lane.Rewind()); // a runner is still delivering 5..8: it carries on from the commit
        Assert.False(lane.Advance(inFlight[^1], next: null, epoch));
        Assert.Equal(2, lane.Delivered);
        Assert.Equal(0, budget.Held);
        Assert.Empty(lane.NextFromBuffer(4, allowGap: false)!); // re-read 3.. from storage
        Assert.InRange(lane.OldestPending, 1, 30); // at or below event 3, the first uncommitted one
        Assert.Equal(epoch + 1, lane.Epoch);
    }

    [Fact]
    public void Rewind_NormalLane_ChangesNothing()
    {
        var lane = NewLane(checkpoint: 0, new StreamBufferBudget(16, 100));
        lane.Offer(Event(1));
        var batch = lane.NextFromBuffer(4, allowGap: false)!;
        lane.Advance(batch[^1], next: null, lane.Epoch);

        Assert.False(lane.Rewind());
        Assert.Equal(1, lane.Delivered);
        Assert.Equal(0, lane.Epoch);
    }

    private static StreamLane NewLane(long checkpoint, StreamBufferBudget budget) =>
        new("grain/1", Stream, checkpoint, durable: true, budget, (_, _) => Task.CompletedTask);

    private static StoredStreamEvent Event(long sequence, StreamId? stream = null, long? position = null) =>
        new(position ?? sequence * 10, stream ?? Stream, sequence, [], DateTimeOffset.UnixEpoch);
}
