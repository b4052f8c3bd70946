using Visco.Lake.Rows;
using Visco.Runtime.Abstractions.Streams;

namespace Visco.Grains.Archive;

/// <summary>Cutting and writing lake batches, then storing and committing how far the lake goes.</summary>
public sealed partial class ArchiveGrain
{
    private async Task FlushDueAsync(CancellationToken cancellationToken)
    {
        while (IsDue() && NextCut() > 0)
        {
            await FlushAsync(cancellationToken);
        }

        // Also after deliveries of repeats only: nothing pending below them, so the stream may move past them.
        await CommitAsync(cancellationToken);
    }

    private async Task FlushAllAsync(CancellationToken cancellationToken)
    {
        while (NextCut() > 0)
        {
            await FlushAsync(cancellationToken);
        }

        await CommitAsync(cancellationToken);
    }

    /// <summary>
    /// How many of the oldest pending rows the next lake batch takes: <see cref="ArchiveOptions.MaxBatchRows"/> (or all,
    /// if fewer) — unless a batch was started and not finished (<see cref="ArchiveState.WritingThrough"/> past
    /// <see cref="ArchiveState.ArchivedThrough"/>: the silo died during its write), whose rows are cut again exactly,
    /// once the stream has delivered all of them again (0 until then).
    /// </summary>
    private int NextCut()
    {
        var unfinished = state.State.WritingThrough;
        if (unfinished > state.State.ArchivedThrough && _pending.Count > 0)
        {
            if (_lastSequence < unfinished)
            {
                return 0;
            }

            var count = 0;
            while (count < _pending.Count && _pending.Sequence(count) <= unfinished)
            {
                count++;
            }

            if (count > 0)
            {
                return count;
            }
        }

        return Math.Min(_pending.Count, options.MaxBatchRows);
    }

    /// <summary>
    /// Writes the next batch (<see cref="NextCut"/>): first its last sequence into the state (so a crash during the
    /// write re-cuts the same rows), then its files, then the state saying they are in the lake with the dedup window
    /// as of then, then the commit of the stream up to it.
    /// </summary>
    private async Task FlushAsync(CancellationToken cancellationToken)
    {
        var count = NextCut();
        var first = _pending.Sequence(0);
        var last = _pending.Sequence(count - 1);
        if (state.State.WritingThrough != last)
        {
            state.State.WritingThrough = last;
            await state.WriteStateAsync(cancellationToken);
        }

        var written = await writer.WriteAsync(HospitalId, _pending, count, cancellationToken);

        // The files are in the lake: only now may the state say so (a crash before this rewrites the same files).
        // Everything below the next pending row is in the lake or was dropped as a repeat.
        state.State.ArchivedThrough = count < _pending.Count ? _pending.Sequence(count) - 1 : _lastSequence;
        StoreArchivedWindow(pendingFrom: count);
        state.State.Files += written.Files;
        state.State.Rows += count;
        await state.WriteStateAsync(cancellationToken);
        ArchiveLog.Flushed(logger, count, HospitalId, first, last, written.Files);

        _pending.RemoveFirst(count);
        _pendingKeys.RemoveRange(0, count);
        PendingChanged();
        await CommitAsync(cancellationToken);
    }

    /// <summary>
    /// Stores the dedup window in the state without the keys of rows still pending (from index
    /// <paramref name="pendingFrom"/>): after a crash those rows come again from the stream and must be accepted again,
    /// not taken for repeats. The state's list is refilled, not replaced: a new list per batch lived until the next
    /// batch, long enough to be copied by a collection each time.
    /// </summary>
    private void StoreArchivedWindow(int pendingFrom)
    {
        var window = state.State.RecentSamples;
        window.Clear();
        if (pendingFrom >= _pending.Count)
        {
            window.AddRange(_recentOrder);
            return;
        }

        var stillPending = new HashSet<string>(StringComparer.Ordinal);
        for (var i = pendingFrom; i < _pending.Count; i++)
        {
            stillPending.Add(_pendingKeys[i].Key);
        }

        window.AddRange(_recentOrder.Where(k => !stillPending.Contains(k)));
    }

    /// <summary>
    /// Lets the stream move past everything below the oldest pending row (in the lake, or dropped as a repeat), as far
    /// as this activation was delivered.
    /// </summary>
    private async Task CommitAsync(CancellationToken cancellationToken)
    {
        var through = Math.Min(_pending.Count > 0 ? _pending.Sequence(0) - 1 : _lastSequence, _deliveredThrough);
        if (_subscription is null || through <= _committed)
        {
            return;
        }

        await _subscription.CommitAsync(new StreamSequenceToken(through), cancellationToken);
        _committed = through;
    }
}
