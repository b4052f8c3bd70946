using Visco.Runtime.Abstractions.Storage;
using Visco.Runtime.Abstractions.Streams;
using Visco.Runtime.Streams;

namespace Visco.Runtime.Tests;

/// <summary>
/// An activation's observers: a commit-managed one accepts only deliveries of its lane's epoch, and going away (unsubscribe,
/// the activation's end) detaches it so its lane rewinds; being replaced by a new subscribe does not.
/// </summary>
public sealed class ActivationStreamHandlersTests
{
    private static readonly StreamId Stream = new("committed", "k");

    [Fact]
    public async Task DeliverAsync_CommitManaged_OtherEpochRefused_OwnEpochDelivered()
    {
        var handlers = new ActivationStreamHandlers();
        var handler = new CountingHandler();
        handlers.SetCommitManaged(Stream, handler, epoch: 3, detach: () => { });

        await Assert.ThrowsAsync<StaleDeliveryException>(() => handlers.DeliverAsync(Stream, [Event(1)], epoch: 2, "g/1"));
        await handlers.DeliverAsync(Stream, [Event(1)], epoch: 3, "g/1");

        Assert.Equal(1, handler.Delivered);
    }

    [Fact]
    public async Task DeliverAsync_NormalObserver_EpochIgnored()
    {
        var handlers = new ActivationStreamHandlers();
        var handler = new CountingHandler();
        handlers.Set(Stream, handler);

        await handlers.DeliverAsync(Stream, [Event(1)], epoch: 7, "g/1");

        Assert.Equal(1, handler.Delivered);
    }

    [Fact]
    public void Detach_OnRemoveAndClear_NotWhenReplaced()
    {
        var handlers = new ActivationStreamHandlers();
        var detached = new List<string>();
        handlers.SetCommitManaged(Stream, new CountingHandler(), 1, () => detached.Add("first"));
        handlers.SetCommitManaged(Stream, new CountingHandler(), 2, () => detached.Add("second"));
        handlers.SetCommitManaged(new StreamId("committed", "other"), new CountingHandler(), 1, () => detached.Add("other"));

        handlers.Remove(Stream);
        handlers.Clear();
        handlers.Clear();

        Assert.Equal(["second", "other"], detached);
    }

    [Fact]
    public async Task CommitManagedHandler_RemembersTheLastSequenceHandedOver()
    {
        var handler = new CommitManagedHandler(new CountingHandler(), committed: 4);

        Assert.Equal(4, handler.Handed);
        await handler.DeliverAsync([Event(5), Event(6)]);
        await handler.DeliverAsync([Event(5)]); // a redelivery does not move it back

        Assert.Equal(6, handler.Handed);
    }

    private static StoredStreamEvent Event(long sequence) => new(sequence, Stream, sequence, [], DateTimeOffset.UnixEpoch);

    private sealed class CountingHandler : IStreamHandler
    {
        public int Delivered { get; private set; }

        public Task DeliverAsync(IReadOnlyList<StoredStreamEvent> events)
        {
            Delivered += events.Count;
            return Task.CompletedTask;
        }
    }
}
