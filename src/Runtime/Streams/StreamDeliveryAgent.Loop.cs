using Visco.Runtime.Abstractions;
using Visco.Runtime.Abstractions.Storage;
using Visco.Runtime.Abstractions.Streams;
using Visco.Runtime.Hosting;
using Visco.Runtime.Invocation;
using Visco.Runtime.Metrics;

namespace Visco.Runtime.Streams;

/// <summary>The agent's loop: read a batch, deliver it, store checkpoints, trim.</summary>
internal sealed partial class StreamDeliveryAgent
{
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(5);

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        var backoff = TimeSpan.FromMilliseconds(50);
        var batches = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                var events = await storage.ReadAsync(_position, runtime.Options.StreamBatchSize, cancellationToken);
                if (events.Count == 0)
                {
                    Interlocked.Exchange(ref _lagEvents, 0);
                    await FlushCheckpointsAsync(cancellationToken);
                    await _wake.WaitAsync(runtime.Options.StreamPollInterval, cancellationToken);
                    continue;
                }

                Interlocked.Exchange(ref _lagEvents, events.Count);
                await DeliverBatchAsync(events, cancellationToken);
                _position = events[^1].Position;
                await FlushCheckpointsAsync(cancellationToken);
                if (++batches % 64 == 0)
                {
                    // Every subscriber is past everything up to _position: those events are no longer needed.
                    await storage.TrimAsync(_position, cancellationToken);
                }

                backoff = TimeSpan.FromMilliseconds(50);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                RuntimeLog.StreamAgentFailed(runtime.Logger, exception);
                await Task.Delay(backoff, cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, MaxBackoff.Ticks));
            }
        }
    }

    private async Task DeliverBatchAsync(IReadOnlyList<StoredStreamEvent> events, CancellationToken cancellationToken)
    {
        var byStream = new Dictionary<StreamId, List<StoredStreamEvent>>();
        foreach (var streamEvent in events)
        {
            if (!byStream.TryGetValue(streamEvent.Stream, out var list))
            {
                list = [];
                byStream[streamEvent.Stream] = list;
            }

            list.Add(streamEvent);
        }

        var deliveries = new List<Task>();
        foreach (var (streamId, streamEvents) in byStream)
        {
            lock (_lock)
            {
                _lastSequence[streamId] = Math.Max(_lastSequence.GetValueOrDefault(streamId), streamEvents[^1].Sequence);
            }

            await _live.DeliverAsync(streamId, streamEvents);
            foreach (var subscriber in SubscribersOf(streamId))
            {
                deliveries.Add(DeliverToSubscriberAsync(subscriber, streamId, streamEvents, cancellationToken));
            }
        }

        await Task.WhenAll(deliveries);
    }

    private List<string> SubscribersOf(StreamId streamId)
    {
        var subscribers = new List<string>();
        foreach (var grainClass in runtime.Types.Classes)
        {
            if (grainClass.ImplicitStreamNamespaces.Contains(streamId.Namespace))
            {
                subscribers.Add(new GrainId(grainClass.TypeName, streamId.Key).ToString());
            }
        }

        lock (_lock)
        {
            if (_explicit.TryGetValue(streamId, out var explicitSubscribers))
            {
                subscribers.AddRange(explicitSubscribers);
            }
        }

        return subscribers;
    }

    private async Task DeliverToSubscriberAsync(
        string subscriber, StreamId streamId, List<StoredStreamEvent> events, CancellationToken cancellationToken)
    {
        long checkpoint;
        lock (_lock)
        {
            checkpoint = _checkpoints.GetValueOrDefault((subscriber, streamId));
        }

        var pending = events.Where(e => e.Sequence > checkpoint).ToList();
        var grainId = GrainId.Parse(subscriber);
        var backoff = TimeSpan.FromMilliseconds(20);
        for (var offset = 0; offset < pending.Count;)
        {
            var chunk = pending.GetRange(offset, Math.Min(runtime.Options.StreamDeliveryBatchSize, pending.Count - offset));
            try
            {
                var request = new VoidGrainRequest(DeliverMethod, grainId, [streamId, chunk]);
                runtime.Catalog.Send(request);
                await request.Task;
            }
            catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
            {
                var done = exception is StreamDeliveryException partial ? partial.Delivered : 0;
                Advance(subscriber, streamId, chunk.GetRange(0, done));
                offset += done;
                RuntimeLog.StreamDeliveryFailed(runtime.Logger, exception, streamId.ToString(), chunk[done].Sequence, subscriber);
                await Task.Delay(backoff, cancellationToken);
                backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, MaxBackoff.Ticks));
                continue;
            }

            offset += chunk.Count;
            Advance(subscriber, streamId, chunk);
        }
    }

    private void Advance(string subscriber, StreamId streamId, List<StoredStreamEvent> delivered)
    {
        if (delivered.Count == 0)
        {
            return;
        }

        RuntimeInstruments.RecordDeliveries(streamId.Namespace, delivered.Count);
        lock (_lock)
        {
            Delivered += delivered.Count;
            var last = delivered[^1].Sequence;
            _checkpoints[(subscriber, streamId)] = last;
            _dirty.Add(new StreamCheckpoint(subscriber, streamId, last));
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

            // Only the newest checkpoint per subscriber and stream matters.
            dirty = _dirty.GroupBy(c => (c.SubscriberId, c.Stream)).Select(g => g.MaxBy(c => c.Sequence)!).ToArray();
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
                _dirty.AddRange(dirty);
            }

            throw;
        }
    }
}
