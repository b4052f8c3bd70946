using Visco.Runtime.Abstractions.Streams;
using Visco.Runtime.Storage.Batching;

namespace Visco.Runtime.Storage.Operations;

/// <summary>Appends events to one stream; the result is the first event's sequence.</summary>
internal sealed class StreamAppendOp(StreamId stream, byte[][] payloads, DateTimeOffset enqueuedAt, CancellationToken cancellationToken)
    : WriteOp<long>("append", cancellationToken)
{
    public StreamId Stream { get; } = stream;

    public byte[][] Payloads { get; } = payloads;

    public DateTimeOffset EnqueuedAt { get; } = enqueuedAt;

    public override string Target => StorageErrors.Describe(Stream);
}
