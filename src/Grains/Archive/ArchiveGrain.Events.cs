using Visco.Grains.Interfaces.Measurements;
using Visco.Lake.Rows;
using Visco.Runtime.Abstractions.Streams;

namespace Visco.Grains.Archive;

/// <summary>Taking events from the stream.</summary>
public sealed partial class ArchiveGrain
{
    private async Task OnMeasurementAsync(MeasurementRecorded recorded, StreamSequenceToken token)
    {
        var sequence = token.SequenceNumber;
        if (sequence > _lastSequence)
        {
            var row = ArchiveRows.ToRow(recorded, sequence);
            var key = ArchiveRows.Key(row);
            if (_recent.Contains(key))
            {
                _duplicates++;
                ArchiveMetrics.RecordDuplicate(HospitalId);
            }
            else
            {
                // Durable before this delivery completes: from here on the stream may move past the event.
                await spool.WriteAsync(row, CancellationToken.None);
                Accept(ArchiveSpool.PathOf(HospitalId, sequence), row);
            }

            _lastSequence = sequence;
        }

        // A redelivery of a pending event lands here too: it retries the write that failed its delivery before.
        if (IsDue())
        {
            await FlushAsync(CancellationToken.None);
        }
    }

    private void Accept(string spoolPath, MeasurementRow row)
    {
        _pending.Add((spoolPath, row));
        _pendingCount = _pending.Count;
        _oldestPendingAt ??= time.GetUtcNow();
        _oldestReceivedAt ??= row.ReceivedAt;
        Remember(ArchiveRows.Key(row));
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
        if (!IsDue())
        {
            return;
        }

        try
        {
            await FlushAsync(cancellationToken);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            ArchiveLog.TimerFlushFailed(logger, exception, HospitalId);
        }
    }

    private void ReportUnreadable(Exception error) => ArchiveLog.UnreadableEvent(logger, error, HospitalId);

    private sealed class Observer(ArchiveGrain grain) : IAsyncObserver<MeasurementRecorded>
    {
        public Task OnNextAsync(MeasurementRecorded item, StreamSequenceToken token) => grain.OnMeasurementAsync(item, token);

        public Task OnErrorAsync(Exception error)
        {
            grain.ReportUnreadable(error);
            return Task.CompletedTask;
        }
    }
}
