using Visco.Runtime.Abstractions.Storage;
using Visco.Runtime.Abstractions.Streams;

namespace Visco.Runtime.Storage.Memory;

/// <summary>
/// The data behind <see cref="MemoryRuntimeStore"/>. It outlives a store, so a test can dispose or abort a store and
/// open a new one on the same database to play a silo restart: whatever the old store acknowledged is still here.
/// </summary>
public sealed class MemoryDatabase
{
    private int _schemaVersion;

    internal Lock Gate { get; } = new();

    internal Dictionary<(string GrainId, string StateName), StoredGrainState> States { get; } = [];

    internal Dictionary<(string GrainId, string ReminderName), ReminderEntry> Reminders { get; } = [];

    /// <summary>Events in position order; appends take the next position under <see cref="Gate"/>, so order = commit order.</summary>
    internal List<StoredStreamEvent> Events { get; } = [];

    /// <summary>The same events by stream, in sequence order (a subscriber re-reads its stream without a scan).</summary>
    internal Dictionary<StreamId, List<StoredStreamEvent>> EventsByStream { get; } = [];

    internal Dictionary<StreamId, long> StreamHeads { get; } = [];

    internal Dictionary<(string SubscriberId, StreamId Stream), long> Checkpoints { get; } = [];

    internal HashSet<StreamSubscription> Subscriptions { get; } = [];

    internal long LastPosition { get; set; }

    /// <summary>
    /// The schema version stamped by the last store initialised on this database (0 before that). Tests set a higher
    /// value to check that a store refuses a database from a newer build.
    /// </summary>
    public int SchemaVersion
    {
        get
        {
            lock (Gate)
            {
                return _schemaVersion;
            }
        }

        set
        {
            lock (Gate)
            {
                _schemaVersion = value;
            }
        }
    }

    /// <summary>
    /// Sets the record to <paramref name="data"/> as is, bypassing ETag checks: for tests that need a record which is
    /// not what the runtime wrote (a corrupt row, a row from an older build).
    /// </summary>
    public void Overwrite(string grainId, string stateName, byte[] data, string etag)
    {
        ArgumentNullException.ThrowIfNull(data);
        lock (Gate)
        {
            States[(grainId, stateName)] = new StoredGrainState(data.ToArray(), etag);
        }
    }
}
