namespace Visco.Runtime.Streams;

/// <summary>
/// A commit-managed lane: the subscriber keeps deliveries in memory and says by a commit when their effects are durable
/// elsewhere. Two cursors then: <c>_delivered</c> (in memory, what the runner hands out next) runs ahead of
/// <c>_committed</c> (what is stored as the checkpoint, where a new activation or a restarted silo resumes).
/// </summary>
/// <remarks>
/// Invariants, under <c>_lock</c>: <c>_committed &lt;= _delivered</c> (a commit past the delivered cursor moves it too);
/// <see cref="OldestPending"/> is at or below the position of the first event after <c>_committed</c>, so trimming never
/// removes an event a rewind would need. A rewind (the subscribing activation went away, or subscribed again) moves the
/// delivered cursor back to the committed one and starts a new <see cref="Epoch"/>: a delivery taken before it is
/// refused by the new observer and its completion no longer advances the lane, so the new observer sees every
/// uncommitted event again, in order, and nothing from the old one.
/// </remarks>
internal sealed partial class StreamLane
{
    /// <summary>At most this many delivered-but-uncommitted ranges are remembered; past it the last one grows.</summary>
    private const int MaxUncommittedRanges = 256;

    /// <summary>Delivered, uncommitted ranges: the last sequence of a delivery and a position at or below its first event.</summary>
    private readonly List<(long Last, long Floor)> _uncommitted = [];
    private long _epoch;
    private bool _commitManaged;

    /// <summary>Counts rewinds: a delivery taken in an older epoch no longer counts.</summary>
    public long Epoch
    {
        get
        {
            lock (_lock)
            {
                return _epoch;
            }
        }
    }

    /// <summary>Whether the subscriber commits (the checkpoint follows its commits, not the deliveries).</summary>
    public bool CommitManaged
    {
        get
        {
            lock (_lock)
            {
                return _commitManaged;
            }
        }
    }

    /// <summary>The last committed sequence of a commit-managed lane (its stored checkpoint).</summary>
    public long Committed
    {
        get
        {
            lock (_lock)
            {
                return _commitManaged ? _committed : _delivered;
            }
        }
    }

    /// <summary>
    /// A subscriber registered its observer. A commit-managed one starts from the commit (rewind); a normal one goes on
    /// from the delivered cursor, unless the lane was commit-managed before. Returns the epoch the observer accepts, and
    /// whether the caller must start a runner.
    /// </summary>
    public (long Epoch, bool StartRunner) Attach(bool commitManaged)
    {
        lock (_lock)
        {
            var wasCommitManaged = _commitManaged;
            if (commitManaged && !wasCommitManaged)
            {
                // Until now the checkpoint followed the deliveries: that is the commit to start from.
                _committed = _delivered;
            }

            var start = (wasCommitManaged || commitManaged) && RewindLocked();
            _commitManaged = commitManaged;
            return (_epoch, start);
        }
    }

    /// <summary>
    /// The subscriber's observer is gone (deactivation, unsubscribe): what was delivered but not committed is delivered
    /// again, to the next observer. Returns whether the caller must start a runner.
    /// </summary>
    public bool Rewind()
    {
        lock (_lock)
        {
            return _commitManaged && RewindLocked();
        }
    }

    /// <summary>
    /// The subscriber committed up to <paramref name="upTo"/> (the checkpoint is stored). False when it is at or below the
    /// current commit (ignored).
    /// </summary>
    public bool Commit(long upTo)
    {
        lock (_lock)
        {
            if (upTo <= _committed)
            {
                return false;
            }

            _committed = upTo;
            if (upTo > _delivered)
            {
                // Committed while the delivery was still running: those events need no redelivery if it faults now.
                _delivered = upTo;
                DropHandled();
                if (_delivered >= _known)
                {
                    _oldestPending = long.MaxValue;
                }
            }

            var covered = 0;
            while (covered < _uncommitted.Count && _uncommitted[covered].Last <= upTo)
            {
                covered++;
            }

            _uncommitted.RemoveRange(0, covered);
            return true;
        }
    }

    private bool RewindLocked()
    {
        _epoch++;
        _oldestPending = Math.Min(_oldestPending, UncommittedFloor());
        _uncommitted.Clear();
        _delivered = _committed;
        DropBuffer();
        if (Removed || _delivered >= _known)
        {
            _oldestPending = _delivered >= _known ? long.MaxValue : _oldestPending;
            return false;
        }

        if (_running)
        {
            return false; // the runner finds the buffer empty and re-reads from the commit
        }

        _running = true;
        return true;
    }

    private void NoteUncommitted(long last)
    {
        // _oldestPending is at or below the first event of the delivery being recorded (it had work when it was taken).
        if (_uncommitted.Count == MaxUncommittedRanges)
        {
            _uncommitted[^1] = (last, _uncommitted[^1].Floor);
            return;
        }

        _uncommitted.Add((last, _oldestPending));
    }

    private long UncommittedFloor() => _uncommitted.Count > 0 ? _uncommitted[0].Floor : long.MaxValue;
}
