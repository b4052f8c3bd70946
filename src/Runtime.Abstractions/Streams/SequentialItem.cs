namespace Visco.Runtime.Abstractions.Streams;

/// <summary>One event of a batch handed to an <see cref="IAsyncBatchObserver{T}"/>, with its position in the stream.</summary>
/// <param name="Item">The event.</param>
/// <param name="Token">Its sequence token; a redelivered event carries the same token.</param>
public readonly record struct SequentialItem<T>(T Item, StreamSequenceToken Token);
