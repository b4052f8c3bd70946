namespace Visco.Grains.Archive;

/// <summary>Archiving rows an earlier version left in its write-ahead spool.</summary>
public sealed partial class ArchiveGrain
{
    /// <summary>
    /// Before subscribing: rows of an earlier version's spool past <see cref="ArchiveState.ArchivedThrough"/> exist
    /// nowhere else (that version let the stream's checkpoint move past them), so they are written to the lake now, cut
    /// as that version cut them (the oldest <see cref="ArchiveOptions.MaxBatchRows"/> first), and the files deleted
    /// once the state says the rows are in the lake. A crash in between does it again: same cut, same file names.
    /// </summary>
    private async Task ArchiveLegacySpoolAsync(CancellationToken cancellationToken)
    {
        var spooled = await legacySpool.ReadAllAsync(HospitalId, cancellationToken);
        if (spooled.Count == 0)
        {
            return;
        }

        var now = time.GetUtcNow();
        foreach (var (_, row) in spooled)
        {
            if (row.Sequence > _lastSequence)
            {
                Accept(row, ArchiveRows.Key(row), now);
                _lastSequence = row.Sequence;
            }
        }

        PendingChanged();
        if (_pending.Count > 0)
        {
            ArchiveLog.Recovered(logger, HospitalId, _pending.Count, state.State.ArchivedThrough);
            await FlushAllAsync(cancellationToken);
        }

        foreach (var path in spooled.Select(s => s.Path).Distinct(StringComparer.Ordinal))
        {
            try
            {
                await legacySpool.DeleteAsync(path, cancellationToken);
            }
            catch (IOException exception)
            {
                ArchiveLog.SpoolDeleteFailed(logger, exception, path);
            }
        }
    }
}
