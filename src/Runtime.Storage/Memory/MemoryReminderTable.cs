using Visco.Runtime.Abstractions;
using Visco.Runtime.Abstractions.Storage;

namespace Visco.Runtime.Storage.Memory;

/// <summary>Reminder registrations in a <see cref="MemoryDatabase"/>.</summary>
internal sealed class MemoryReminderTable(MemoryDatabase database, MemoryStoreStatus status) : IReminderTable
{
    public Task<IReadOnlyList<ReminderEntry>> ReadAllAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        status.ThrowIfClosed("read", "all reminders");
        lock (database.Gate)
        {
            return Task.FromResult<IReadOnlyList<ReminderEntry>>([.. database.Reminders.Values]);
        }
    }

    public Task<ReminderEntry?> ReadAsync(GrainId grainId, string reminderName, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        status.ThrowIfClosed("read", StorageErrors.Describe(grainId, reminderName));
        lock (database.Gate)
        {
            return Task.FromResult(database.Reminders.GetValueOrDefault((grainId.ToString(), reminderName)));
        }
    }

    public Task<ReminderEntry> UpsertAsync(
        GrainId grainId, string reminderName, DateTimeOffset startAt, TimeSpan period, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        status.ThrowIfClosed("upsert", StorageErrors.Describe(grainId, reminderName));
        var entry = new ReminderEntry(grainId, reminderName, startAt.ToUniversalTime(), period, StorageETag.New());
        lock (database.Gate)
        {
            database.Reminders[(grainId.ToString(), reminderName)] = entry;
        }

        return Task.FromResult(entry);
    }

    public Task<bool> RemoveAsync(GrainId grainId, string reminderName, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        status.ThrowIfClosed("remove", StorageErrors.Describe(grainId, reminderName));
        lock (database.Gate)
        {
            return Task.FromResult(database.Reminders.Remove((grainId.ToString(), reminderName)));
        }
    }
}
