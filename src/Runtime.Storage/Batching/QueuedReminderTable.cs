using Visco.Runtime.Abstractions;
using Visco.Runtime.Abstractions.Storage;
using Visco.Runtime.Storage.Operations;

namespace Visco.Runtime.Storage.Batching;

/// <summary>Reminders over a provider's reads and its group-commit writer loops.</summary>
internal sealed class QueuedReminderTable(IStoreReads reads, IWriteRouter writers) : IReminderTable
{
    public Task<IReadOnlyList<ReminderEntry>> ReadAllAsync(CancellationToken cancellationToken) =>
        reads.ReadRemindersAsync(cancellationToken);

    public Task<ReminderEntry?> ReadAsync(GrainId grainId, string reminderName, CancellationToken cancellationToken) =>
        reads.ReadReminderAsync(grainId, reminderName, cancellationToken);

    public Task<ReminderEntry> UpsertAsync(
        GrainId grainId, string reminderName, DateTimeOffset startAt, TimeSpan period, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reminderName);
        // Whole microseconds: PostgreSQL's timestamptz keeps no finer, and every durable provider returns the same value.
        var utc = startAt.ToUniversalTime();
        var entry = new ReminderEntry(grainId, reminderName, utc.AddTicks(-(utc.Ticks % TimeSpan.TicksPerMicrosecond)), period, StorageETag.New());
        var op = new ReminderUpsertOp(entry, cancellationToken);
        return writers.ForGrain(op.GrainId).EnqueueAsync(op);
    }

    public Task<bool> RemoveAsync(GrainId grainId, string reminderName, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reminderName);
        var op = new ReminderRemoveOp(grainId, reminderName, cancellationToken);
        return writers.ForGrain(op.GrainId).EnqueueAsync(op);
    }
}
