using Visco.Runtime.Abstractions.Storage;
using Visco.Runtime.Hosting;
using Visco.Runtime.Metrics;

namespace Visco.Runtime.Streams;

/// <summary>The runner of one lane: deliver its events in order, retry a failure with backoff, re-read when behind.</summary>
internal sealed partial class StreamDeliveryAgent
{
    private static readonly TimeSpan FirstRetry = TimeSpan.FromMilliseconds(20);

    private void StartRunner(StreamLane lane)
    {
        var stop = _stop!.Token;

        // On the pool, so an observer that blocks synchronously holds up neither the reader nor another lane.
        lane.Runner = Task.Run(() => RunLaneAsync(lane, stop), CancellationToken.None);
    }

    /// <summary>
    /// Delivers until the lane is caught up. Only one runner per lane exists at a time (<see cref="StreamLane.Offer"/>
    /// starts one when none runs, <see cref="StreamLane.NextFromBuffer"/> ends it under the same lock), which is
    /// what keeps a subscriber's events in order. Each delivery is taken in the lane's current epoch: when a
    /// commit-managed lane is rewound meanwhile, the delivery is refused or its completion ignored, and the runner goes on
    /// from the commit at once (no backoff: nothing failed).
    /// </summary>
    private async Task RunLaneAsync(StreamLane lane, CancellationToken cancellationToken)
    {
        var max = runtime.Options.StreamDeliveryBatchSize;
        while (!cancellationToken.IsCancellationRequested)
        {
            // A live observer is best effort: when later events are buffered it skips those that did not fit (a durable
            // subscriber re-reads them from storage first).
            var epoch = lane.Epoch;
            var batch = lane.NextFromBuffer(max, allowGap: !lane.Durable);
            if (batch is null)
            {
                return;
            }

            IReadOnlyList<StoredStreamEvent> events = batch;
            try
            {
                if (batch.Length == 0)
                {
                    events = await storage.ReadStreamAsync(lane.Stream, lane.Delivered, max, cancellationToken);
                    if (events.Count == 0)
                    {
                        lane.SkipMissing(epoch);
                        continue;
                    }

                    lane.ReadFromStorage(events);
                }

                await lane.DeliverAsync(events, epoch);
                Handled(lane, events, events.Count, epoch);
                lane.Failures = 0;
            }
            catch (Exception) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception) when (lane.Epoch != epoch)
            {
                // Rewound while this delivery was under way (its observer went away): it no longer counts.
                continue;
            }
            catch (Exception exception) when (events.Count == 0)
            {
                // The re-read failed (storage unavailable): wait as after a failed delivery, then try again.
                RuntimeLog.StreamAgentFailed(runtime.Logger, exception);
                await Task.Delay(RetryDelay(++lane.Failures), cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
            catch (Exception exception)
            {
                var done = exception is StreamDeliveryException partial ? Math.Min(partial.Delivered, events.Count) : 0;
                if (!lane.Durable)
                {
                    // Live observers are best effort by contract: a failing one misses these events, nobody else does.
                    Handled(lane, events, events.Count, epoch);
                    continue;
                }

                Handled(lane, events, done, epoch);
                RuntimeLog.StreamDeliveryFailed(runtime.Logger, exception, lane.Stream.ToString(), events[done].Sequence, lane.Subscriber);
                await Task.Delay(RetryDelay(++lane.Failures), cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    /// <summary>
    /// The first <paramref name="count"/> events were handled: advance the lane and, unless the subscriber commits
    /// itself, its checkpoint. Nothing moves when the lane was rewound since <paramref name="epoch"/>.
    /// </summary>
    private void Handled(StreamLane lane, IReadOnlyList<StoredStreamEvent> events, int count, long epoch)
    {
        if (count == 0 || !lane.Advance(events[count - 1], count < events.Count ? events[count] : null, epoch))
        {
            return;
        }

        if (lane.Durable && !lane.Removed)
        {
            Interlocked.Add(ref _delivered, count);
            RuntimeInstruments.RecordDeliveries(lane.Stream.Namespace, count);
            if (!lane.CommitManaged)
            {
                MarkDirty(new StreamCheckpoint(lane.Subscriber, lane.Stream, events[count - 1].Sequence));
            }
        }
    }

    /// <summary>Exponential backoff from 20 ms, capped by <see cref="SiloOptions.StreamRetryMaxBackoff"/>.</summary>
    private TimeSpan RetryDelay(int failures)
    {
        var cap = runtime.Options.StreamRetryMaxBackoff;
        var ticks = FirstRetry.Ticks << Math.Min(failures - 1, 20);
        return TimeSpan.FromTicks(Math.Min(ticks, cap.Ticks));
    }
}
