using System.Diagnostics.Metrics;
using System.Reflection;
using Visco.Runtime.Abstractions;
using Visco.Runtime.Abstractions.Storage;
using Visco.Runtime.Abstractions.Streams;
using Visco.Runtime.Catalog;
using Visco.Runtime.Hosting;
using Visco.Runtime.Invocation;
using Visco.Runtime.Metrics;

namespace Visco.Runtime.Streams;

/// <summary>
/// Follows the durable queue by position and hands each event to every subscriber of its stream: implicit subscribers
/// (a grain per stream key), explicit ones (stored subscriptions) and live observers outside grains. Each
/// (subscriber, stream) pair progresses on its own <see cref="StreamLane"/>: in order, as turns of the subscriber's
/// activation, its checkpoint advancing only after its observer completed. A failing subscriber is retried with
/// exponential backoff from its own checkpoint and never skipped, while every other subscriber and stream goes on; the
/// queue is trimmed only below the oldest event some subscriber still needs. Checkpoints are stored in batches after
/// deliveries, so after a crash delivery resumes from them: at least once, and a repeat carries the same token. A
/// commit-managed subscriber's checkpoint is stored by its own commits instead (<c>.Subscriptions</c>), and its lane
/// rewinds to the commit when its observer goes (<see cref="StreamLane"/>, <c>StreamLane.Commits.cs</c>).
/// </summary>
internal sealed partial class StreamDeliveryAgent(GrainRuntime runtime, IStreamQueueStorage storage)
{
    private static readonly MethodInfo DeliverMethodInfo =
        typeof(StreamDeliveryAgent).GetMethod(nameof(DeliverToActivationAsync), BindingFlags.NonPublic | BindingFlags.Static)!;

    private static readonly VoidGrainMethod DeliverMethod = new(
        DeliverMethodInfo, "stream", "deliver", alwaysInterleave: false, DeliverToActivationAsync, returnsValueTask: false);

    private readonly Lock _lock = new();
    private readonly Dictionary<(string Subscriber, StreamId Stream), long> _storedCheckpoints = [];
    private readonly Dictionary<(string Subscriber, StreamId Stream), StreamLane> _lanes = [];
    private readonly Dictionary<StreamId, HashSet<string>> _explicit = [];
    private readonly Dictionary<StreamId, List<StreamLane>> _live = [];
    private readonly Dictionary<StreamId, long> _lastSequence = [];
    private readonly SemaphoreSlim _wake = new(0, 1);
    private readonly StreamBufferBudget _budget = new(runtime.Options.StreamDeliveryBatchSize * 4, runtime.Options.StreamBufferedEvents);
    private CancellationTokenSource? _stop;
    private Task? _loop;
    private IDisposable? _lagSource;
    private long _position;
    private long _liveIds;
    private long _delivered;

    /// <summary>Events delivered to grain subscribers since start.</summary>
    public long Delivered => Interlocked.Read(ref _delivered);

    /// <summary>Loads subscriptions and checkpoints, then follows the queue until stopped.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var checkpoint in await storage.ReadCheckpointsAsync(cancellationToken))
        {
            _storedCheckpoints[(checkpoint.SubscriberId, checkpoint.Stream)] = checkpoint.Sequence;
        }

        foreach (var subscription in await storage.ReadSubscriptionsAsync(cancellationToken))
        {
            ExplicitSubscribers(subscription.Stream).Add(subscription.SubscriberId);
        }

        _stop = new CancellationTokenSource();
        _lagSource = RuntimeInstruments.AddStreamLagSource(() => [new Measurement<long>(TotalLag())]);
        _loop = Task.Run(() => RunAsync(_stop.Token), CancellationToken.None);
        _checkpointLoop = Task.Run(() => FlushCheckpointsLoopAsync(_stop.Token), CancellationToken.None);
    }

    /// <summary>Stops following the queue; checkpoints of completed deliveries are stored first when graceful.</summary>
    public async Task StopAsync(bool graceful)
    {
        _lagSource?.Dispose();
        if (_stop is null)
        {
            return;
        }

        await _stop.CancelAsync();
        if (_loop is not null)
        {
            await _loop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        if (_checkpointLoop is not null)
        {
            await _checkpointLoop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        if (graceful)
        {
            // Deliveries under way finish (bounded by the call timeout), so their checkpoints are stored too.
            Task[] runners;
            lock (_lock)
            {
                runners = [.. _lanes.Values.Select(l => l.Runner).OfType<Task>()];
            }

            await Task.WhenAll(runners).WaitAsync(runtime.Options.CallTimeout).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            await FlushCheckpointsAsync(CancellationToken.None).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    /// <summary>Wakes the agent: something was just published.</summary>
    public void Wake()
    {
        if (_wake.CurrentCount == 0)
        {
            try
            {
                _wake.Release();
            }
            catch (SemaphoreFullException)
            {
                // Another publisher woke it first.
            }
        }
    }

    /// <summary>Adds an explicit subscription; it receives events after the last one this agent has seen.</summary>
    public async Task AddSubscriptionAsync(StreamSubscription subscription, CancellationToken cancellationToken)
    {
        await storage.AddSubscriptionAsync(subscription, cancellationToken);
        lock (_lock)
        {
            ExplicitSubscribers(subscription.Stream).Add(subscription.SubscriberId);
            var key = (subscription.SubscriberId, subscription.Stream);
            if (!_lanes.ContainsKey(key) && !_storedCheckpoints.ContainsKey(key))
            {
                var from = _lastSequence.GetValueOrDefault(subscription.Stream);
                _storedCheckpoints[key] = from;
                _dirty[key] = from;
            }
        }

        SignalCheckpoints();
    }

    /// <summary>Removes an explicit subscription.</summary>
    public async Task RemoveSubscriptionAsync(StreamSubscription subscription, CancellationToken cancellationToken)
    {
        await storage.RemoveSubscriptionAsync(subscription, cancellationToken);
        lock (_lock)
        {
            if (_explicit.TryGetValue(subscription.Stream, out var subscribers))
            {
                subscribers.Remove(subscription.SubscriberId);
            }

            var key = (subscription.SubscriberId, subscription.Stream);
            _storedCheckpoints.Remove(key);
            _dirty.Remove(key);
            if (_lanes.Remove(key, out var lane))
            {
                lane.Release();
            }
        }
    }

    /// <summary>Adds a live observer (outside grains): events read from now on, not checkpointed.</summary>
    public IDisposable AddLiveObserver(StreamId streamId, IStreamHandler handler)
    {
        lock (_lock)
        {
            var id = $"live:{++_liveIds}";
            var lane = new StreamLane(
                id, streamId, _lastSequence.GetValueOrDefault(streamId), durable: false, _budget, (events, _) => handler.DeliverAsync(events));
            if (!_live.TryGetValue(streamId, out var lanes))
            {
                lanes = [];
                _live[streamId] = lanes;
            }

            lanes.Add(lane);
            return new LiveRemoval(this, lane);
        }
    }

    private void RemoveLive(StreamLane lane)
    {
        lock (_lock)
        {
            lane.Release();
            if (_live.TryGetValue(lane.Stream, out var lanes))
            {
                lanes.Remove(lane);
            }
        }
    }

    private HashSet<string> ExplicitSubscribers(StreamId streamId)
    {
        if (!_explicit.TryGetValue(streamId, out var subscribers))
        {
            subscribers = new HashSet<string>(StringComparer.Ordinal);
            _explicit[streamId] = subscribers;
        }

        return subscribers;
    }

    private long TotalLag()
    {
        lock (_lock)
        {
            return _lanes.Values.Sum(l => l.Lag);
        }
    }

    private static Task DeliverToActivationAsync(object grain, object?[] arguments)
    {
        var activation = (ActivationData)((Grain)grain).GrainContext;
        return activation.StreamHandlers.DeliverAsync(
            (StreamId)arguments[0]!, (IReadOnlyList<StoredStreamEvent>)arguments[1]!, (long)arguments[2]!, activation.GrainId.ToString());
    }

    private sealed class LiveRemoval(StreamDeliveryAgent owner, StreamLane lane) : IDisposable
    {
        public void Dispose() => owner.RemoveLive(lane);
    }
}
