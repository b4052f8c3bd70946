namespace Visco.Runtime.Abstractions.Streams;

/// <summary>How a grain's subscription moves its stored checkpoint.</summary>
public sealed record StreamSubscriptionOptions
{
    /// <summary>The default: the checkpoint follows deliveries (it moves past an event once the observer completed it).</summary>
    public static StreamSubscriptionOptions Default { get; } = new();

    /// <summary>
    /// A commit-managed subscription: deliveries flow as usual, but the stored checkpoint (where a new activation or a
    /// restarted silo resumes, and below which the queue may be trimmed) moves only when the subscriber calls
    /// <see cref="StreamSubscriptionHandle{T}.CommitAsync"/>, once the effects of the delivered events are durable
    /// elsewhere. For subscribers that keep deliveries in memory and make them durable in batches (the archive). Only
    /// from a grain: a live observer outside grains has no checkpoint.
    /// </summary>
    public bool CommitManaged { get; init; }
}
