using Visco.Runtime.Abstractions;
using Visco.Runtime.Abstractions.Storage;

namespace Visco.Runtime.Storage.Memory;

/// <summary>Reminder registrations in a <see cref="MemoryDatabase"/>.</summary>
internal sealed class MemoryReminderTable(MemoryDatabase database, MemoryStoreStatus status) : IReminderTable
{
    public Task<IReadOnlyList<ReminderEntry>> ReadAllAsync(CancellationToken cancellationToken) =>
        status.Run<IReadOnlyList<ReminderEntry>>("read", "all reminders", cancellationToken, () =>
        {
            lock (database.Gate)
            {
                return [.. database.Reminders.Values];
            }
        });

    public Task<ReminderEntry?> ReadAsync(GrainId grainId, string reminderName, CancellationToken cancellationToken) =>
        status.Run("read", StorageErrors.Describe(grainId, reminderName), cancellationToken, () =>
        {
            lock (database.Gate)
            {
                return database.Reminders.GetValueOrDefault((grainId.ToString(), reminderName));
            }
        });

    public Task<ReminderEntry> UpsertAsync(
        GrainId grainId, string reminderName, DateTimeOffset startAt, TimeSpan period, CancellationToken cancellationToken) =>
        status.Run("upsert", StorageErrors.Describe(grainId, reminderName), cancellationToken, () =>
        {
            var entry = new ReminderEntry(grainId, reminderName, startAt.ToUniversalTime(), period, StorageETag.New());
            lock (database.Gate)
            {
                database.Reminders[(grainId.ToString(), reminderName)] = entry;
            }

            return entry;
        });

    public Task<bool> RemoveAsync(GrainId grainId, string reminderName, CancellationToken cancellationToken) =>
        status.Run("remove", StorageErrors.Describe(grainId, reminderName), cancellationToken, () =>
        {
            lock (database.Gate)
            {
                return database.Reminders.Remove((grainId.ToString(), reminderName));
            }
        });
}
