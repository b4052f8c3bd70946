using Visco.Runtime.Abstractions;
using Visco.Runtime.Abstractions.Storage;
using Visco.Runtime.Abstractions.Streams;

namespace Visco.Runtime.Storage.Batching;

/// <summary>A provider's read side: reads bypass the writer queue and see what has been committed.</summary>
internal interface IStoreReads
{
    Task<StoredGrainState?> ReadStateAsync(GrainId grainId, string stateName, CancellationToken cancellationToken);

    Task<IReadOnlyList<ReminderEntry>> ReadRemindersAsync(CancellationToken cancellationToken);

    Task<ReminderEntry?> ReadReminderAsync(GrainId grainId, string reminderName, CancellationToken cancellationToken);

    Task<IReadOnlyList<StoredStreamEvent>> ReadEventsAsync(long afterPosition, int maxCount, CancellationToken cancellationToken);

    Task<IReadOnlyList<StoredStreamEvent>> ReadStreamEventsAsync(StreamId stream, long afterSequence, int maxCount, CancellationToken cancellationToken);

    Task<IReadOnlyList<StreamCheckpoint>> ReadCheckpointsAsync(CancellationToken cancellationToken);

    Task<IReadOnlyList<StreamSubscription>> ReadSubscriptionsAsync(CancellationToken cancellationToken);
}
