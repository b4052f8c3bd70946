using Visco.Runtime.Abstractions;
using Visco.Runtime.Abstractions.Storage;
using Visco.Runtime.Abstractions.Streams;
using Visco.Runtime.State;
using Visco.Runtime.Streams;

namespace Visco.Runtime.Tests;

/// <summary>Reading stored events back: one instance per event for immutable types (the publisher's, when published in this silo), a copy each otherwise.</summary>
public sealed class StreamEventReaderTests
{
    private static readonly StreamId Stream = new("reader-tests", "s1");

    [Fact]
    public void ImmutableType_SameStoredEvent_EverySubscriberGetsTheSameInstance()
    {
        var stored = Store(new SharedReading("a", [1.0, 2.0]), position: 7);

        Assert.True(StreamEventReader.TryRead<SharedReading>(stored, out var first, out _));
        Assert.True(StreamEventReader.TryRead<SharedReading>(stored, out var second, out _));

        Assert.Same(first, second);
        Assert.Equal("a", first.Name);
    }

    [Fact]
    public void ImmutableType_SameEventReadAgainFromStorage_SharesTheDecodedInstance()
    {
        // A lane that fell behind reads its events again: another object with the same stream, sequence and bytes.
        var payload = StateSerializer.Serialize(new SharedReading("again", [3.0]));
        var offered = new StoredStreamEvent(21, Stream, 21, payload, DateTimeOffset.UnixEpoch);
        var reread = new StoredStreamEvent(21, Stream, 21, [.. payload], DateTimeOffset.UnixEpoch);

        Assert.True(StreamEventReader.TryRead<SharedReading>(offered, out var first, out _));
        Assert.True(StreamEventReader.TryRead<SharedReading>(reread, out var second, out _));

        Assert.Same(first, second);
    }

    [Fact]
    public void ImmutableType_OtherEventAtTheSamePosition_ReadAfresh()
    {
        // A store that restarted (or a second stream store) may reuse a position: the slot must not answer for it.
        var before = Store(new SharedReading("old", [1.0]), position: 256 + 11);
        var after = Store(new SharedReading("new", [2.0]), position: 256 + 11);

        Assert.True(StreamEventReader.TryRead<SharedReading>(before, out var old, out _));
        Assert.True(StreamEventReader.TryRead<SharedReading>(after, out var current, out _));

        Assert.Equal("old", old.Name);
        Assert.Equal("new", current.Name);
    }

    [Fact]
    public void ImmutableType_PublishedInThisSilo_ReadBackAsThePublishersInstance()
    {
        var published = new SharedReading("published", [4.0, 5.0]);
        var payload = StateSerializer.Serialize(published);
        StreamEventReader.Published(Stream, payload, published);

        // Read back from storage: a new byte array at a position the publisher never knew.
        var stored = new StoredStreamEvent(40, Stream, 40, [.. payload], DateTimeOffset.UnixEpoch);
        Assert.True(StreamEventReader.TryRead<SharedReading>(stored, out var read, out _));

        Assert.Same(published, read);
    }

    [Fact]
    public void ImmutableType_ClaimedByTheReader_EveryLaneSharesItAndTheSiloForgetsIt()
    {
        var published = new SharedReading("claimed", [7.0, 8.0]);
        var payload = StateSerializer.Serialize(published);
        StreamEventReader.Published(Stream, payload, published);

        // The agent's reader claims what it reads before offering it to the lanes; every lane gets the publisher's object.
        var offered = new StoredStreamEvent(43, Stream, 43, [.. payload], DateTimeOffset.UnixEpoch);
        Assert.True(StreamEventReader.Claim(offered));
        Assert.True(StreamEventReader.TryRead<SharedReading>(offered, out var first, out _));
        Assert.True(StreamEventReader.TryRead<SharedReading>(offered, out var second, out _));
        Assert.Same(published, first);
        Assert.Same(published, second);

        // Claimed means forgotten: the silo keeps no reference to it once the offered event is gone.
        var reread = new StoredStreamEvent(43 + 512, Stream, 43, [.. payload], DateTimeOffset.UnixEpoch);
        Assert.False(StreamEventReader.Claim(reread));
        Assert.True(StreamEventReader.TryRead<SharedReading>(reread, out var fresh, out _));
        Assert.NotSame(published, fresh);
        Assert.Equal("claimed", fresh.Name);
    }

    [Fact]
    public void ImmutableType_PublishedOnAnotherStreamOrWithOtherBytes_ReadAfresh()
    {
        var published = new SharedReading("elsewhere", [6.0]);
        var payload = StateSerializer.Serialize(published);
        StreamEventReader.Published(new StreamId("reader-tests", "other"), payload, published);

        var sameBytesOtherStream = new StoredStreamEvent(41, Stream, 41, [.. payload], DateTimeOffset.UnixEpoch);
        Assert.True(StreamEventReader.TryRead<SharedReading>(sameBytesOtherStream, out var read, out _));

        Assert.NotSame(published, read);
        Assert.Equal("elsewhere", read.Name);
    }

    [Fact]
    public void MutableType_Published_EachSubscriberStillGetsItsOwnCopy()
    {
        var published = new PrivateReading { Name = "mine" };
        var payload = StateSerializer.Serialize(published);
        StreamEventReader.Published(Stream, payload, published);

        Assert.True(StreamEventReader.TryRead<PrivateReading>(new StoredStreamEvent(42, Stream, 42, payload, DateTimeOffset.UnixEpoch), out var read, out _));

        Assert.NotSame(published, read);
    }

    [Fact]
    public void MutableType_SameStoredEvent_EachSubscriberGetsItsOwnCopy()
    {
        var stored = Store(new PrivateReading { Name = "b" }, position: 9);

        Assert.True(StreamEventReader.TryRead<PrivateReading>(stored, out var first, out _));
        Assert.True(StreamEventReader.TryRead<PrivateReading>(stored, out var second, out _));

        Assert.NotSame(first, second);
        first.Name = "changed by one subscriber";
        Assert.Equal("b", second.Name);
    }

    [Fact]
    public void UnreadablePayload_ErrorNamesTheEvent()
    {
        var stored = new StoredStreamEvent(12, Stream, 3, "{not json"u8.ToArray(), DateTimeOffset.UnixEpoch);

        Assert.False(StreamEventReader.TryRead<SharedReading>(stored, out _, out var error));

        Assert.Contains("Event 3", error.Message, StringComparison.Ordinal);
    }

    private static StoredStreamEvent Store<T>(T value, long position) =>
        new(position, Stream, position, StateSerializer.Serialize(value), DateTimeOffset.UnixEpoch);

    [Immutable]
    public sealed record SharedReading(string Name, double[] Values);

    public sealed class PrivateReading
    {
        public string Name { get; set; } = string.Empty;
    }
}
