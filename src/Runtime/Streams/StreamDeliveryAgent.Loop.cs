using Visco.Runtime.Abstractions;
using Visco.Runtime.Abstractions.Storage;
using Visco.Runtime.Abstractions.Streams;
using Visco.Runtime.Hosting;

namespace Visco.Runtime.Streams;

/// <summary>The agent's reader: read the queue by position, offer each event to its stream's lanes, trim.</summary>
internal sealed partial class StreamDeliveryAgent
{
    private static readonly TimeSpan MaxReaderBackoff = TimeSpan.FromSeconds(5);

    // A trim is a write (a DELETE in the store's group commit) that the reader awaits, so it runs once there is a real
    // amount to delete or a second has passed, not each time the reader catches up: at 2,000 events/s it caught up
    // hundreds of times a second and trimmed a handful of rows each time.
    private const long TrimAtLeast = 4096;
    private const long TrimIntervalMilliseconds = 1000;

    private long _trimmed;
    private long _trimmedAt = Environment.TickCount64;

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
                    await TrimAsync(cancellationToken);
                    await _wake.WaitAsync(runtime.Options.StreamPollInterval, cancellationToken);
                    continue;
                }

                Dispatch(events);
                _position = events[^1].Position;
                if (++batches % 64 == 0)
                {
                    await TrimAsync(cancellationToken);
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
                backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, MaxReaderBackoff.Ticks));
            }
        }
    }

    /// <summary>Offers events to their lanes and starts the runners of lanes that were idle; never waits for one.</summary>
    private void Dispatch(IReadOnlyList<StoredStreamEvent> events)
    {
        // Subscribers are looked up once per stream and read batch (single-event appends interleave streams).
        var byStream = new Dictionary<StreamId, List<StreamLane>>();
        var last = new Dictionary<StreamId, long>();
        List<StreamLane>? toStart = null;
        foreach (var streamEvent in events)
        {
            StreamEventReader.Claim(streamEvent); // this silo's own publish: every lane shares the publisher's object
            last[streamEvent.Stream] = streamEvent.Sequence;
            if (!byStream.TryGetValue(streamEvent.Stream, out var lanes))
            {
                lanes = LanesOf(streamEvent.Stream);
                byStream[streamEvent.Stream] = lanes;
            }

            foreach (var lane in lanes)
            {
                if (lane.Offer(streamEvent))
                {
                    (toStart ??= []).Add(lane);
                }
            }
        }

        lock (_lock)
        {
            foreach (var (streamId, sequence) in last)
            {
                _lastSequence[streamId] = Math.Max(_lastSequence.GetValueOrDefault(streamId), sequence);
            }
        }

        foreach (var lane in toStart ?? [])
        {
            StartRunner(lane);
        }
    }

    /// <summary>The lanes of every subscriber of a stream (created on first sight, from the stored checkpoint).</summary>
    private List<StreamLane> LanesOf(StreamId streamId)
    {
        var lanes = new List<StreamLane>();
        lock (_lock)
        {
            foreach (var grainClass in runtime.Types.Classes)
            {
                if (grainClass.ImplicitStreamNamespaces.Contains(streamId.Namespace))
                {
                    lanes.Add(DurableLane(new GrainId(grainClass.TypeName, streamId.Key).ToString(), streamId));
                }
            }

            if (_explicit.TryGetValue(streamId, out var explicitSubscribers))
            {
                foreach (var subscriber in explicitSubscribers)
                {
                    lanes.Add(DurableLane(subscriber, streamId));
                }
            }

            if (_live.TryGetValue(streamId, out var live))
            {
                lanes.AddRange(live);
            }
        }

        return lanes;
    }

    private StreamLane DurableLane(string subscriber, StreamId streamId)
    {
        var key = (subscriber, streamId);
        if (!_lanes.TryGetValue(key, out var lane))
        {
            var grainId = GrainId.Parse(subscriber);
            lane = new StreamLane(subscriber, streamId, _storedCheckpoints.GetValueOrDefault(key), durable: true, _budget, (events, epoch) =>
            {
                var request = new Invocation.VoidGrainRequest(DeliverMethod, grainId, [streamId, events, epoch]);
                runtime.Catalog.Send(request);
                return request.Task;
            });
            _lanes[key] = lane;
        }

        return lane;
    }

    /// <summary>Deletes events every durable subscriber has handled: below the oldest position a lane still needs (throttled, above).</summary>
    private async Task TrimAsync(CancellationToken cancellationToken)
    {
        var upTo = _position;
        lock (_lock)
        {
            foreach (var lane in _lanes.Values)
            {
                upTo = Math.Min(upTo, lane.OldestPending - 1);
            }
        }

        var now = Environment.TickCount64;
        if (upTo > _trimmed && (upTo - _trimmed >= TrimAtLeast || now - _trimmedAt >= TrimIntervalMilliseconds))
        {
            await storage.TrimAsync(upTo, cancellationToken);
            _trimmed = upTo;
            _trimmedAt = now;
        }
    }
}
