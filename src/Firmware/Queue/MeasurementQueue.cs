using Visco.Firmware.Configuration;

namespace Visco.Firmware.Queue;

/// <summary>
/// The bounded store-and-forward queue: a measurement is made durable by <see cref="Enqueue"/> before it is ever
/// sent and leaves only through <see cref="Remove"/>, after the broker's PUBACK. Subclasses decide where entries
/// live; this class holds the order, the bound and the full-queue policy. Thread-safe.
/// </summary>
public abstract class MeasurementQueue : IDisposable
{
    private readonly SortedDictionary<long, QueuedMeasurement> _entries = [];
    private readonly QueueFullPolicy _policy;
    private long _nextSequence = 1;

    /// <summary>Creates a queue holding at most <paramref name="capacity"/> measurements.</summary>
    protected MeasurementQueue(int capacity, QueueFullPolicy policy)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        Capacity = capacity;
        _policy = policy;
    }

    /// <summary>Most measurements held.</summary>
    public int Capacity { get; }

    /// <summary>Measurements held now.</summary>
    public int Count
    {
        get
        {
            lock (_entries)
            {
                return _entries.Count;
            }
        }
    }

    /// <summary>Stores a measurement durably, applying the full-queue policy.</summary>
    /// <exception cref="MeasurementStorageException">Storage failed; nothing was stored.</exception>
    public EnqueueResult Enqueue(string sampleId, ReadOnlyMemory<byte> payload)
    {
        ArgumentException.ThrowIfNullOrEmpty(sampleId);
        lock (_entries)
        {
            QueuedMeasurement? dropped = null;
            if (_entries.Count >= Capacity)
            {
                if (_policy == QueueFullPolicy.RefuseNew)
                {
                    return new EnqueueResult(EnqueueOutcome.RefusedFull, null, null);
                }

                dropped = _entries.First().Value;
            }

            var entry = new QueuedMeasurement(_nextSequence, sampleId, payload);
            Persist(entry);
            _nextSequence++;
            _entries.Add(entry.Sequence, entry);
            if (dropped is not null)
            {
                _entries.Remove(dropped.Sequence);
                Delete(dropped.Sequence);
                return new EnqueueResult(EnqueueOutcome.AcceptedDroppedOldest, entry, dropped);
            }

            return new EnqueueResult(EnqueueOutcome.Accepted, entry, null);
        }
    }

    /// <summary>The oldest measurements, in order, skipping those <paramref name="skip"/> names (already in flight).</summary>
    public IReadOnlyList<QueuedMeasurement> Peek(int max, Func<long, bool>? skip = null)
    {
        var list = new List<QueuedMeasurement>(Math.Min(max, 16));
        lock (_entries)
        {
            foreach (var entry in _entries.Values)
            {
                if (list.Count >= max)
                {
                    break;
                }

                if (skip is null || !skip(entry.Sequence))
                {
                    list.Add(entry);
                }
            }
        }

        return list;
    }

    /// <summary>Removes an acknowledged measurement; false when it is no longer queued (dropped or removed before).</summary>
    public bool Remove(long sequence)
    {
        lock (_entries)
        {
            if (!_entries.Remove(sequence))
            {
                return false;
            }

            Delete(sequence);
            return true;
        }
    }

    /// <summary>Deletes every queued measurement (the wipe command).</summary>
    public void Clear()
    {
        lock (_entries)
        {
            foreach (var sequence in _entries.Keys)
            {
                Delete(sequence);
            }

            _entries.Clear();
            ClearStorage();
        }
    }

    /// <summary>Releases storage handles.</summary>
    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Adds entries found in storage when the queue opens; the next sequence continues after them.</summary>
    protected void Restore(IEnumerable<QueuedMeasurement> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        lock (_entries)
        {
            foreach (var entry in entries)
            {
                _entries[entry.Sequence] = entry;
                _nextSequence = Math.Max(_nextSequence, entry.Sequence + 1);
            }
        }
    }

    /// <summary>Makes <paramref name="entry"/> durable before returning; throws <see cref="MeasurementStorageException"/> on failure.</summary>
    protected abstract void Persist(QueuedMeasurement entry);

    /// <summary>Forgets the stored entry <paramref name="sequence"/>.</summary>
    protected abstract void Delete(long sequence);

    /// <summary>Removes whatever storage remains after every entry was deleted.</summary>
    protected abstract void ClearStorage();

    /// <summary>Releases resources of the subclass.</summary>
    protected virtual void Dispose(bool disposing)
    {
    }
}
