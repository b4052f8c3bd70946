namespace Visco.Runtime.Abstractions.Storage;

/// <summary>Durable reminder registrations, read at silo start so reminders fire after a restart.</summary>
public interface IReminderTable
{
    /// <summary>Every registered reminder.</summary>
    Task<IReadOnlyList<ReminderEntry>> ReadAllAsync(CancellationToken cancellationToken);

    /// <summary>One grain's reminder by name, or null.</summary>
    Task<ReminderEntry?> ReadAsync(GrainId grainId, string reminderName, CancellationToken cancellationToken);

    /// <summary>Creates or replaces a reminder; returns it with its new ETag once durable.</summary>
    Task<ReminderEntry> UpsertAsync(
        GrainId grainId, string reminderName, DateTimeOffset startAt, TimeSpan period, CancellationToken cancellationToken);

    /// <summary>Removes a reminder; false when there was none.</summary>
    Task<bool> RemoveAsync(GrainId grainId, string reminderName, CancellationToken cancellationToken);
}
