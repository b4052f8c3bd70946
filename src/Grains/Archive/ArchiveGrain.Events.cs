using Visco.Grains.Interfaces.Measurements;
using Visco.Lake.Rows;
using Visco.Runtime.Abstractions.Streams;

namespace Visco.Grains.Archive;

/// <summary>Taking events from the stream, a delivered batch at a time, into the pending rows.</summary>
public sealed partial class ArchiveGrain
{
    private async Task OnBatchAsync(IReadOnlyList<SequentialItem<MeasurementRecorded>> items)
    {
        var duplicates = 0;
        var now = time.GetUtcNow();
        foreach (var (recorded, token) in items)
        {
            var sequence = token.SequenceNumber;
            _deliveredThrough = Math.Max(_deliveredThrough, sequence);
            if (sequence <= _lastSequence)
            {
                continue; // a redelivery of an event already pending or archived
            }

            _lastSequence = sequence;
            var row = ArchiveRows.ToRow(recorded, sequence);
            var key = ArchiveRows.Key(row);
            if (_recent.Contains(key))
            {
                duplicates++; // published twice under two sequences, within this batch or after an earlier one
            }
            else
            {
                Accept(row, key, now);
            }
        }

        PendingChanged();
        RecordDuplicates(duplicates);

        // A redelivery after a failed lake write lands here too: it retries the write that failed the delivery before.
        await FlushDueAsync(CancellationToken.None);
    }

    private void Accept(MeasurementRow row, string key, DateTimeOffset acceptedAt)
    {
        _pending.Add(row);
        _pendingKeys.Add(new PendingKey(key, acceptedAt));
        Remember(key);
    }

    private void PendingChanged()
    {
        _pendingCount = _pending.Count;
        _oldestPendingAt = _pending.Count > 0 ? _pendingKeys[0].AcceptedAt : null;
        _oldestReceivedAt = _pending.Count > 0 ? _pending.ReceivedAt(0) : null;
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

    /// <summary>
    /// A pending row's dedup key (the same string the dedup window holds, so exactly the key it was accepted under)
    /// and when it was accepted; the row's values are in the pending columns at the same index.
    /// </summary>
    private readonly record struct PendingKey(string Key, DateTimeOffset AcceptedAt);

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
