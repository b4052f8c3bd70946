using Visco.Runtime.Abstractions.Streams;

namespace Visco.Runtime.Abstractions.Storage;

/// <summary>The last sequence of <paramref name="Stream"/> that <paramref name="SubscriberId"/> (a grain id) handled.</summary>
public sealed record StreamCheckpoint(string SubscriberId, StreamId Stream, long Sequence);
