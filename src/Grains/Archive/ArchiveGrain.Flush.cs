namespace Visco.Grains.Archive;

/// <summary>Writing batches and recovering the spool.</summary>
public sealed partial class ArchiveGrain
{
    private async Task FlushAsync(CancellationToken cancellationToken)
    {
        var rows = _pending.Select(p => p.Row).ToList();
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

        var spooled = _pending.Select(p => p.SpoolPath).ToList();
        _pending.Clear();
        _pendingCount = 0;
        _oldestPendingAt = null;
        _oldestReceivedAt = null;
        await DeleteSpoolAsync(spooled, cancellationToken);
    }

    private async Task RecoverAsync(CancellationToken cancellationToken)
    {
        var spooled = await spool.ReadAllAsync(HospitalId, cancellationToken);
        var stale = new List<string>();
        foreach (var (path, row) in spooled)
        {
            if (row.Sequence <= state.State.ArchivedThrough)
            {
                stale.Add(path);
            }
            else if (_pending.Count == 0 || row.Sequence > _pending[^1].Row.Sequence)
            {
                Accept(path, row);
                _lastSequence = Math.Max(_lastSequence, row.Sequence);
            }
        }

        await DeleteSpoolAsync(stale, cancellationToken);
        if (_pending.Count > 0)
        {
            // Written before any new event joins, so the batch that was pending at the crash keeps its file names.
            ArchiveLog.Recovered(logger, HospitalId, _pending.Count, state.State.ArchivedThrough);
            await FlushAsync(cancellationToken);
        }
    }

    private async Task DeleteSpoolAsync(List<string> paths, CancellationToken cancellationToken)
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
