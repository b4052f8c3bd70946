using Visco.Runtime.Abstractions.Streams;

namespace Visco.Runtime.Abstractions.Storage;

/// <summary>An explicit, durable subscription of a grain (by its id string) to a stream.</summary>
public sealed record StreamSubscription(string SubscriberId, StreamId Stream);
