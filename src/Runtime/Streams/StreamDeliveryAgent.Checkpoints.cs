using Visco.Runtime.Abstractions.Storage;
using Visco.Runtime.Abstractions.Streams;
using Visco.Runtime.Hosting;

namespace Visco.Runtime.Streams;

/// <summary>
/// Storing checkpoints: lanes note their newest checkpoint, one loop writes all noted ones at a time, so a burst of
/// deliveries costs one write of one row per (subscriber, stream), not one per event or per delivery.
/// </summary>
internal sealed partial class StreamDeliveryAgent
{
    private static readonly TimeSpan CheckpointSpacing = TimeSpan.FromMilliseconds(50);

    private readonly Dictionary<(string Subscriber, StreamId Stream), long> _dirty = [];
    private readonly SemaphoreSlim _checkpointSignal = new(0, 1);
    private Task? _checkpointLoop;

    private void MarkDirty(StreamCheckpoint checkpoint)
    {
        lock (_lock)
        {
            var key = (checkpoint.SubscriberId, checkpoint.Stream);
            _dirty[key] = Math.Max(_dirty.GetValueOrDefault(key), checkpoint.Sequence);
        }

        SignalCheckpoints();
    }

    private void SignalCheckpoints()
    {
        if (_checkpointSignal.CurrentCount == 0)
        {
            try
            {
                _checkpointSignal.Release();
            }
            catch (SemaphoreFullException)
            {
                // Already signalled.
            }
        }
    }

    private async Task FlushCheckpointsLoopAsync(CancellationToken cancellationToken)
    {
        var backoff = TimeSpan.FromMilliseconds(50);
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await _checkpointSignal.WaitAsync(cancellationToken);
                await FlushCheckpointsAsync(cancellationToken);
                backoff = TimeSpan.FromMilliseconds(50);

                // At most one checkpoint write per spacing: each is a write in the store's group commit, and at a steady
                // few thousand events/s a delivery completed (and signalled) every few hundred microseconds. A crash
                // redelivers at most this much more (delivery is at least once either way).
                await Task.Delay(CheckpointSpacing, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                RuntimeLog.StreamAgentFailed(runtime.Logger, exception);
                await Task.Delay(backoff, cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, MaxReaderBackoff.Ticks));
                SignalCheckpoints();
            }
        }
    }

    private async Task FlushCheckpointsAsync(CancellationToken cancellationToken)
    {
        StreamCheckpoint[] dirty;
        lock (_lock)
        {
            if (_dirty.Count == 0)
            {
                return;
            }

            dirty = [.. _dirty.Select(d => new StreamCheckpoint(d.Key.Subscriber, d.Key.Stream, d.Value))];
            _dirty.Clear();
        }

        try
        {
            await storage.WriteCheckpointsAsync(dirty, cancellationToken);
        }
        catch
        {
            lock (_lock)
            {
                foreach (var checkpoint in dirty)
                {
                    var key = (checkpoint.SubscriberId, checkpoint.Stream);
                    _dirty[key] = Math.Max(_dirty.GetValueOrDefault(key), checkpoint.Sequence);
                }
            }

            throw;
        }
    }
}
