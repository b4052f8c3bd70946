namespace Visco.Runtime.Abstractions.Storage;

/// <summary>
/// One storage backend (memory, SQLite or PostgreSQL) providing grain state, reminders and the stream queue.
/// <see cref="InitializeAsync"/> creates or migrates the schema; disposing drains queued writes gracefully, while
/// <see cref="Abort"/> simulates a crash: queued, uncommitted writes fail and nothing more is written.
/// </summary>
public interface IRuntimeStore : IAsyncDisposable
{
    /// <summary>The provider's name ("memory", "sqlite", "postgres").</summary>
    string Name { get; }

    /// <summary>Grain state records.</summary>
    IGrainStorage GrainStorage { get; }

    /// <summary>Reminder registrations.</summary>
    IReminderTable Reminders { get; }

    /// <summary>The durable stream queue.</summary>
    IStreamQueueStorage Streams { get; }

    /// <summary>Creates or migrates the schema; refuses a database whose schema is newer than this code.</summary>
    Task InitializeAsync(CancellationToken cancellationToken);

    /// <summary>Stops at once without draining: what was not committed is failed, as after a crash.</summary>
    void Abort();
}
