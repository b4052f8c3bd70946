using Visco.Lake.Rows;

namespace Visco.Grains.Archive;

/// <summary>Writing batches and recovering the spool.</summary>
public sealed partial class ArchiveGrain
{
    private async Task FlushDueAsync(CancellationToken cancellationToken)
    {
        while (IsDue())
        {
            await FlushAsync(cancellationToken);
        }
    }

    private async Task FlushAllAsync(CancellationToken cancellationToken)
    {
        while (_pending.Count > 0)
        {
            await FlushAsync(cancellationToken);
        }
    }

    /// <summary>
    /// Writes the oldest <see cref="ArchiveOptions.MaxBatchRows"/> pending rows (or all, if fewer) as one batch. Always
    /// the oldest and never more, so the batch is a function of <see cref="ArchiveState.ArchivedThrough"/> and the
    /// spool alone: after a crash during this write, recovery cuts the same batch and its files get the same names.
    /// </summary>
    private async Task FlushAsync(CancellationToken cancellationToken)
    {
        var count = Math.Min(_pending.Count, options.MaxBatchRows);
        var rows = new List<MeasurementRow>(count);
        for (var i = 0; i < count; i++)
        {
            rows.Add(_pending[i].Row);
        }

        var first = rows[0].Sequence;
        var last = rows[^1].Sequence;
        var written = await writer.WriteAsync(HospitalId, rows, cancellationToken);

        // The files are in the lake: only now may the state say so (a crash before this rewrites the same files).
        state.State.ArchivedThrough = last;
        state.State.RecentSamples = [.. _recentOrder];
        state.State.Files += written.Files;
        state.State.Rows += rows.Count;
        await state.WriteStateAsync(cancellationToken);
        ArchiveLog.Flushed(logger, rows.Count, HospitalId, first, last, written.Files);

        // A spool file goes once none of its rows is pending (a delivered batch may span two lake batches).
        var done = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < count; i++)
        {
            done.Add(_pending[i].SpoolPath);
        }

        _pending.RemoveRange(0, count);
        PendingChanged();
        foreach (var row in _pending)
        {
            done.Remove(row.SpoolPath);
        }

        await DeleteSpoolAsync(done, cancellationToken);
    }

    private async Task RecoverAsync(CancellationToken cancellationToken)
    {
        var spooled = await spool.ReadAllAsync(HospitalId, cancellationToken);
        var stale = new HashSet<string>(StringComparer.Ordinal);
        var now = time.GetUtcNow();
        foreach (var (path, row) in spooled)
        {
            if (row.Sequence <= state.State.ArchivedThrough)
            {
                stale.Add(path);
            }
            else if (_pending.Count == 0 || row.Sequence > _pending[^1].Row.Sequence)
            {
                Accept(path, row, now);
                _lastSequence = Math.Max(_lastSequence, row.Sequence);
            }
        }

        foreach (var row in _pending)
        {
            stale.Remove(row.SpoolPath);
        }

        await DeleteSpoolAsync(stale, cancellationToken);
        if (_pending.Count > 0)
        {
            // Written before any new event joins, so the batch that was pending at the crash keeps its file names.
            ArchiveLog.Recovered(logger, HospitalId, _pending.Count, state.State.ArchivedThrough);
            await FlushAllAsync(cancellationToken);
        }
    }

    private async Task DeleteSpoolAsync(IEnumerable<string> paths, CancellationToken cancellationToken)
    {
        foreach (var path in paths)
        {
            try
            {
                await spool.DeleteAsync(path, cancellationToken);
            }
            catch (IOException exception)
            {
                ArchiveLog.SpoolDeleteFailed(logger, exception, path);
            }
        }
    }
}
