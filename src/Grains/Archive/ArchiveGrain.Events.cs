using Visco.Grains.Interfaces.Measurements;
using Visco.Lake.Rows;
using Visco.Runtime.Abstractions.Streams;

namespace Visco.Grains.Archive;

/// <summary>Taking events from the stream, a delivered batch at a time.</summary>
public sealed partial class ArchiveGrain
{
    private async Task OnBatchAsync(IReadOnlyList<SequentialItem<MeasurementRecorded>> items)
    {
        var accepted = new List<MeasurementRow>(items.Count);
        var keys = new HashSet<string>(StringComparer.Ordinal);
        var duplicates = 0;
        var last = _lastSequence;
        foreach (var (recorded, token) in items)
        {
            var sequence = token.SequenceNumber;
            if (sequence <= last)
            {
                continue; // a redelivery of an event already spooled (or archived)
            }

            last = sequence;
            var row = ArchiveRows.ToRow(recorded, sequence);
            var key = ArchiveRows.Key(row);
            if (_recent.Contains(key) || !keys.Add(key))
            {
                duplicates++;
            }
            else
            {
                accepted.Add(row);
            }
        }

        if (accepted.Count > 0)
        {
            // Durable before this delivery completes, one file and one fsync for the whole batch: from here on the
            // stream may move past these events. If the write fails nothing below has happened, so the redelivered
            // batch is taken afresh.
            var spoolPath = await spool.WriteAsync(HospitalId, accepted, CancellationToken.None);
            var now = time.GetUtcNow();
            foreach (var row in accepted)
            {
                Accept(spoolPath, row, now);
            }
        }

        _lastSequence = last;
        RecordDuplicates(duplicates);

        // A redelivery after a failed lake write lands here too: it retries the write that failed the delivery before.
        await FlushDueAsync(CancellationToken.None);
    }

    private void Accept(string spoolPath, MeasurementRow row, DateTimeOffset acceptedAt)
    {
        _pending.Add(new PendingRow(spoolPath, row, acceptedAt));
        PendingChanged();
        Remember(ArchiveRows.Key(row));
    }

    private void PendingChanged()
    {
        _pendingCount = _pending.Count;
        _oldestPendingAt = _pending.Count > 0 ? _pending[0].AcceptedAt : null;
        _oldestReceivedAt = _pending.Count > 0 ? _pending[0].Row.ReceivedAt : null;
    }

    private void RecordDuplicates(int count)
    {
        _duplicates += count;
        for (var i = 0; i < count; i++)
        {
            ArchiveMetrics.RecordDuplicate(HospitalId);
        }
    }

    private void Remember(string key)
    {
        if (!_recent.Add(key))
        {
            return;
        }

        _recentOrder.Enqueue(key);
        while (_recentOrder.Count > options.DedupWindow)
        {
            _recent.Remove(_recentOrder.Dequeue());
        }
    }

    private bool IsDue() =>
        _pending.Count >= options.MaxBatchRows ||
        (_pending.Count > 0 && _oldestPendingAt is { } oldest && time.GetUtcNow() - oldest >= options.MaxBatchAge);

    private async Task OnTimerAsync(CancellationToken cancellationToken)
    {
        try
        {
            await FlushDueAsync(cancellationToken);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            ArchiveLog.TimerFlushFailed(logger, exception, HospitalId);
        }
    }

    private void ReportUnreadable(Exception error) => ArchiveLog.UnreadableEvent(logger, error, HospitalId);

    /// <summary>A row accepted into the pending batch: the spool file that holds it and when it was accepted.</summary>
    private readonly record struct PendingRow(string SpoolPath, MeasurementRow Row, DateTimeOffset AcceptedAt);

    private sealed class Observer(ArchiveGrain grain) : IAsyncBatchObserver<MeasurementRecorded>
    {
        public Task OnNextAsync(IReadOnlyList<SequentialItem<MeasurementRecorded>> items) => grain.OnBatchAsync(items);

        public Task OnErrorAsync(Exception error)
        {
            grain.ReportUnreadable(error);
            return Task.CompletedTask;
        }
    }
}
