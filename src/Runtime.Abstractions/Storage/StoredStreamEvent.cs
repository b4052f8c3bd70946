using Visco.Runtime.Abstractions.Streams;

namespace Visco.Runtime.Abstractions.Storage;

/// <summary>A stored stream event.</summary>
/// <param name="Position">Storage-wide position, growing in commit order.</param>
/// <param name="Stream">The stream.</param>
/// <param name="Sequence">Sequence within the stream, from 1.</param>
/// <param name="Payload">The serialized event.</param>
/// <param name="EnqueuedAt">When it was stored (UTC).</param>
public sealed record StoredStreamEvent(long Position, StreamId Stream, long Sequence, byte[] Payload, DateTimeOffset EnqueuedAt)
{
    /// <summary>
    /// The event as decoded for the subscribers of an immutable type: set by the runtime when it reads the event, so
    /// every lane offered this instance shares one object, and it goes when the instance does (not stored).
    /// </summary>
    internal object? Decoded { get; set; }
}
