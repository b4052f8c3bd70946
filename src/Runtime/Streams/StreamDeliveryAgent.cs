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
/// Follows the durable queue by position and delivers each event to every subscriber of its stream: implicit
/// subscribers (a grain per stream key) and explicit ones (stored subscriptions), in order per stream and subscriber,
/// as turns of the subscriber's activation. A subscriber's checkpoint advances only after its observer completed, and
/// is stored after each batch, so after a crash delivery resumes from the checkpoint: at least once, and a repeat
/// carries the same sequence token. A failing delivery is retried with backoff and never skipped, so a stream waits
/// rather than loses an event.
/// </summary>
internal sealed partial class StreamDeliveryAgent(GrainRuntime runtime, IStreamQueueStorage storage)
{
    private static readonly MethodInfo DeliverMethodInfo =
        typeof(StreamDeliveryAgent).GetMethod(nameof(DeliverToActivationAsync), BindingFlags.NonPublic | BindingFlags.Static)!;

    private static readonly VoidGrainMethod DeliverMethod = new(
        DeliverMethodInfo, "stream", "deliver", alwaysInterleave: false, DeliverToActivationAsync, returnsValueTask: false);

    private readonly Lock _lock = new();
    private readonly Dictionary<(string Subscriber, StreamId Stream), long> _checkpoints = [];
    private readonly Dictionary<StreamId, HashSet<string>> _explicit = [];
    private readonly Dictionary<StreamId, long> _lastSequence = [];
    private readonly List<StreamCheckpoint> _dirty = [];
    private readonly LiveObservers _live = new();
    private readonly SemaphoreSlim _wake = new(0, 1);
    private CancellationTokenSource? _stop;
    private Task? _loop;
    private IDisposable? _lagSource;
    private long _position;
    private long _lagEvents;

    /// <summary>Events delivered since start.</summary>
    public long Delivered { get; private set; }

    /// <summary>Loads subscriptions and checkpoints, then follows the queue until stopped.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var checkpoint in await storage.ReadCheckpointsAsync(cancellationToken))
        {
            _checkpoints[(checkpoint.SubscriberId, checkpoint.Stream)] = checkpoint.Sequence;
        }

        foreach (var subscription in await storage.ReadSubscriptionsAsync(cancellationToken))
        {
            ExplicitSubscribers(subscription.Stream).Add(subscription.SubscriberId);
        }

        _stop = new CancellationTokenSource();
        _lagSource = RuntimeInstruments.AddStreamLagSource(() => [new Measurement<long>(Interlocked.Read(ref _lagEvents))]);
        _loop = Task.Run(() => RunAsync(_stop.Token), CancellationToken.None);
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

        if (graceful)
        {
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
            if (!_checkpoints.ContainsKey(key))
            {
                var from = _lastSequence.GetValueOrDefault(subscription.Stream);
                _checkpoints[key] = from;
                _dirty.Add(new StreamCheckpoint(subscription.SubscriberId, subscription.Stream, from));
            }
        }
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

            _checkpoints.Remove((subscription.SubscriberId, subscription.Stream));
        }
    }

    /// <summary>Adds a live observer (outside grains): events read from now on, not checkpointed.</summary>
    public IDisposable AddLiveObserver(StreamId streamId, IStreamHandler handler) => _live.Add(streamId, handler);

    private HashSet<string> ExplicitSubscribers(StreamId streamId)
    {
        if (!_explicit.TryGetValue(streamId, out var subscribers))
        {
            subscribers = new HashSet<string>(StringComparer.Ordinal);
            _explicit[streamId] = subscribers;
        }

        return subscribers;
    }

    private static Task DeliverToActivationAsync(object grain, object?[] arguments)
    {
        var activation = (ActivationData)((Grain)grain).GrainContext;
        return activation.StreamHandlers.DeliverAsync(
            (StreamId)arguments[0]!, (IReadOnlyList<StoredStreamEvent>)arguments[1]!, activation.GrainId.ToString());
    }
}
