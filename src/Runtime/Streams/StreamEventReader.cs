using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using Visco.Runtime.Abstractions;
using Visco.Runtime.Abstractions.Storage;
using Visco.Runtime.Abstractions.Streams;
using Visco.Runtime.State;

namespace Visco.Runtime.Streams;

/// <summary>Reads a stored event back as the subscriber's type.</summary>
internal static class StreamEventReader
{
    /// <summary>The event as <typeparamref name="T"/>, or an error that says which event could not be read.</summary>
    public static bool TryRead<T>(StoredStreamEvent streamEvent, [MaybeNullWhen(false)] out T item, [NotNullWhen(false)] out Exception? error)
    {
        if (DecodedEvents<T>.TryGet(streamEvent, out item))
        {
            error = null;
            return true;
        }

        try
        {
            item = StateSerializer.Deserialize<T>(streamEvent.Payload)!;
            DecodedEvents<T>.Add(streamEvent, item);
            error = null;
            return true;
        }
        catch (JsonException exception)
        {
            item = default;
            error = new InvalidDataException(
                $"Event {streamEvent.Sequence} of stream {streamEvent.Stream} cannot be read as {typeof(T).Name}: {exception.Message}", exception);
            return false;
        }
    }

    /// <summary>
    /// Remembers an event of an <see cref="ImmutableAttribute"/> type as it is published (with the bytes it is stored
    /// as), so its subscribers in this silo take the publisher's object when the event is read back instead of
    /// deserializing it; nothing for other types.
    /// </summary>
    public static void Published<T>(StreamId stream, byte[] payload, T item) => DecodedEvents<T>.AddPublished(stream, payload, item);

    /// <summary>
    /// The last events of an <see cref="ImmutableAttribute"/> type read back, by position: every subscriber of a stream
    /// is offered the same stored event, so the second and third subscriber of a measurement take the first one's
    /// object instead of deserializing it again (the silo's largest allocation under load), also when a lagging lane read
    /// the event again from storage. Bounded and lock-free: a slot holds one event and is overwritten by a later one; a
    /// miss only costs the deserialization it saves.
    /// </summary>
    private static class DecodedEvents<T>
    {
        // Small on purpose: subscribers that keep up read an event within milliseconds of each other, and every cached
        // object outlives the young generation (4,096 slots kept ~8 MB of events alive across collections).
        private const int Slots = 256;
        private static readonly Entry?[]? Cache = typeof(T).IsDefined(typeof(ImmutableAttribute), inherit: false) ? new Entry?[Slots] : null;

        // Events as published in this silo, by a hash of stream and bytes (the position is not known before the append),
        // verified by stream and bytes. Sized for the thousands a saturated silo has between publish and its slowest
        // subscriber's read (with 256 slots, or with an entry taken out at its first read, half the reads missed).
        private const int PublishedSlots = 4096;
        private static readonly PublishedEntry?[]? PublishedCache = Cache is null ? null : new PublishedEntry?[PublishedSlots];

        public static bool TryGet(StoredStreamEvent streamEvent, [MaybeNullWhen(false)] out T item)
        {
            if (Cache is null)
            {
                item = default;
                return false;
            }

            if (Volatile.Read(ref Cache[streamEvent.Position & (Slots - 1)]) is { } entry && IsSameEvent(entry.Source, streamEvent))
            {
                item = entry.Value;
                return true;
            }

            ref var slot = ref PublishedCache![PublishedSlot(streamEvent.Stream, streamEvent.Payload)];
            if (Volatile.Read(ref slot) is { } published
                && published.Stream == streamEvent.Stream && published.Payload.AsSpan().SequenceEqual(streamEvent.Payload))
            {
                item = published.Value;
                Add(streamEvent, item);
                return true;
            }

            item = default;
            return false;
        }

        public static void AddPublished(StreamId stream, byte[] payload, T item)
        {
            if (PublishedCache is not null)
            {
                Volatile.Write(ref PublishedCache[PublishedSlot(stream, payload)], new PublishedEntry(stream, payload, item));
            }
        }

        private static int PublishedSlot(StreamId stream, ReadOnlySpan<byte> payload)
        {
            var hash = default(HashCode);
            hash.Add(stream);
            hash.AddBytes(payload);
            return hash.ToHashCode() & (PublishedSlots - 1);
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

        private sealed record PublishedEntry(StreamId Stream, byte[] Payload, T Value);
    }
}
