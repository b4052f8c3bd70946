using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using Visco.Runtime.Abstractions;
using Visco.Runtime.Abstractions.Storage;
using Visco.Runtime.Abstractions.Streams;
using Visco.Runtime.State;

namespace Visco.Runtime.Streams;

/// <summary>
/// Reads a stored event back as the subscriber's type. An event of an <see cref="ImmutableAttribute"/> type is decoded
/// once and shared: the publisher's own object when it was published in this silo (<see cref="Published{T}"/>, claimed
/// by the agent's reader, <see cref="Claim"/>), else the first subscriber's; it travels with the stored event the
/// agent offers every lane (<see cref="StoredStreamEvent.Decoded"/>), so it lives as long as some lane still holds
/// that event and no longer.
/// </summary>
internal static class StreamEventReader
{
    /// <summary>The event as <typeparamref name="T"/>, or an error that says which event could not be read.</summary>
    public static bool TryRead<T>(StoredStreamEvent streamEvent, [MaybeNullWhen(false)] out T item, [NotNullWhen(false)] out Exception? error)
    {
        error = null;
        if (DecodedEvents<T>.Shared && TryShared(streamEvent, out item))
        {
            return true;
        }

        try
        {
            item = StateSerializer.Deserialize<T>(streamEvent.Payload)!;
        }
        catch (JsonException exception)
        {
            item = default;
            error = new InvalidDataException(
                $"Event {streamEvent.Sequence} of stream {streamEvent.Stream} cannot be read as {typeof(T).Name}: {exception.Message}", exception);
            return false;
        }

        if (DecodedEvents<T>.Shared)
        {
            streamEvent.Decoded = item;
            DecodedEvents<T>.Add(streamEvent, item);
        }

        return true;
    }

    private static bool TryShared<T>(StoredStreamEvent streamEvent, [MaybeNullWhen(false)] out T item)
    {
        if (streamEvent.Decoded is T decoded)
        {
            item = decoded;
            return true;
        }

        if (DecodedEvents<T>.TryGet(streamEvent, out item))
        {
            streamEvent.Decoded = item;
            return true;
        }

        // Read back without passing the agent's reader (a lane re-reading its stream) soon after it was published.
        if (Claim(streamEvent) && streamEvent.Decoded is T claimed)
        {
            item = claimed;
            return true;
        }

        item = default;
        return false;
    }

    /// <summary>
    /// Remembers an event of an <see cref="ImmutableAttribute"/> type as it is published (with the bytes it is stored
    /// as), until the agent reads it back and <see cref="Claim"/>s it; nothing for other types.
    /// </summary>
    public static void Published<T>(StreamId stream, byte[] payload, T item)
    {
        if (DecodedEvents<T>.Shared)
        {
            PublishedEvents.Add(stream, payload, item!);
        }
    }

    /// <summary>
    /// Attaches the publisher's object to an event read from storage, if this silo published it, and forgets it there:
    /// the agent's reader calls this once per event it reads, before offering it to the lanes.
    /// </summary>
    public static bool Claim(StoredStreamEvent streamEvent)
    {
        if (PublishedEvents.Take(streamEvent.Stream, streamEvent.Payload) is not { } value)
        {
            return false;
        }

        streamEvent.Decoded = value;
        return true;
    }

    /// <summary>
    /// Events of immutable types published in this silo and not yet read back, by a hash of stream and bytes (the
    /// position is not known before the append), verified by stream and bytes. An entry lives from the publish to the
    /// agent's read of it (milliseconds), so the cache holds few live objects; a slot overwritten before its read only
    /// costs the deserialization it would have saved.
    /// </summary>
    private static class PublishedEvents
    {
        private const int Slots = 4096;
        private static readonly Entry?[] Cache = new Entry?[Slots];
        private static int _used;

        public static void Add(StreamId stream, byte[] payload, object value)
        {
            Volatile.Write(ref _used, 1);
            Volatile.Write(ref Cache[Slot(stream, payload)], new Entry(stream, payload, value));
        }

        public static object? Take(StreamId stream, byte[] payload)
        {
            if (Volatile.Read(ref _used) == 0)
            {
                return null; // nothing of an immutable type was ever published here: no hashing per read
            }

            ref var slot = ref Cache[Slot(stream, payload)];
            var entry = Volatile.Read(ref slot);
            if (entry is null || entry.Stream != stream || !entry.Payload.AsSpan().SequenceEqual(payload))
            {
                return null;
            }

            Interlocked.CompareExchange(ref slot, null, entry);
            return entry.Value;
        }

        private static int Slot(StreamId stream, ReadOnlySpan<byte> payload)
        {
            var hash = default(HashCode);
            hash.Add(stream);
            hash.AddBytes(payload);
            return hash.ToHashCode() & (Slots - 1);
        }

        private sealed record Entry(StreamId Stream, byte[] Payload, object Value);
    }

    /// <summary>
    /// The last events of an <see cref="ImmutableAttribute"/> type decoded, by position, for a lane that fell behind and
    /// read its events again from storage (other instances than the ones the agent offered): it takes the object the
    /// others got instead of deserializing again. Bounded and lock-free: a slot holds one event and is overwritten by a
    /// later one; a miss only costs the deserialization it saves.
    /// </summary>
    private static class DecodedEvents<T>
    {
        // Small on purpose: every cached object outlives the young generation while it is cached.
        private const int Slots = 256;
        private static readonly Entry?[]? Cache = typeof(T).IsDefined(typeof(ImmutableAttribute), inherit: false) ? new Entry?[Slots] : null;

        /// <summary>Whether the subscribers of <typeparamref name="T"/> share one decoded object per event.</summary>
        public static bool Shared => Cache is not null;

        public static bool TryGet(StoredStreamEvent streamEvent, [MaybeNullWhen(false)] out T item)
        {
            if (Cache is not null
                && Volatile.Read(ref Cache[streamEvent.Position & (Slots - 1)]) is { } entry && IsSameEvent(entry.Source, streamEvent))
            {
                item = entry.Value;
                return true;
            }

            item = default;
            return false;
        }

        public static void Add(StoredStreamEvent streamEvent, T item)
        {
            if (Cache is not null)
            {
                Volatile.Write(ref Cache[streamEvent.Position & (Slots - 1)], new Entry(streamEvent, item));
            }
        }

        /// <summary>
        /// The same stored event: the very instance the reader offered every lane, or one a lagging lane read again
        /// (same stream, sequence and bytes: a position alone could come from another store in the same process).
        /// </summary>
        private static bool IsSameEvent(StoredStreamEvent cached, StoredStreamEvent streamEvent) =>
            ReferenceEquals(cached, streamEvent)
            || (cached.Position == streamEvent.Position && cached.Sequence == streamEvent.Sequence && cached.Stream == streamEvent.Stream
                && cached.Payload.AsSpan().SequenceEqual(streamEvent.Payload));

        private sealed record Entry(StoredStreamEvent Source, T Value);
    }
}
