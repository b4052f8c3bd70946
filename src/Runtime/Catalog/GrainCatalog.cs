using System.Collections.Concurrent;
using Visco.Runtime.Abstractions;
using Visco.Runtime.Invocation;

namespace Visco.Runtime.Catalog;

/// <summary>
/// This silo's activations by grain id: the local grain directory. Single activation holds because an activation is
/// only ever created by winning the insert of its id into this dictionary; the cluster replaces the dictionary with a
/// directory row per grain rather than changing this logic.
/// </summary>
internal sealed class GrainCatalog(GrainRuntime runtime) : IGrainCallSink
{
    private readonly ConcurrentDictionary<GrainId, ActivationData> _activations = new();
    private readonly ConcurrentDictionary<GrainId, StatelessWorkerPool> _workerPools = new();
    private volatile Exception? _stopped;

    /// <summary>Activations alive now (including stateless workers).</summary>
    public int Count => _activations.Count + _workerPools.Values.Sum(p => p.Workers.Count);

    /// <summary>Every activation alive now.</summary>
    public IEnumerable<ActivationData> Activations => _activations.Values.Concat(_workerPools.Values.SelectMany(p => p.Workers));

    /// <inheritdoc />
    public void Send(GrainRequest request)
    {
        if (_stopped is { } stopped)
        {
            request.TryFail(stopped);
            return;
        }

        runtime.Timeouts.Track(request);
        Dispatch(request);
    }

    /// <summary>Routes a request to its activation, creating it on first call.</summary>
    public void Dispatch(GrainRequest request)
    {
        GrainClassInfo info;
        try
        {
            info = runtime.Types.ForTypeName(request.Target.Type);
        }
        catch (UnknownGrainTypeException exception)
        {
            request.TryFail(exception);
            return;
        }

        if (info.IsStatelessWorker)
        {
            _workerPools.GetOrAdd(request.Target, id => new StatelessWorkerPool(runtime, info, id)).Send(request);
            return;
        }

        while (true)
        {
            if (!_activations.TryGetValue(request.Target, out var activation))
            {
                var silo = runtime.Placement.Place(request.Target, [runtime.Silo], runtime.Silo);
                if (silo != runtime.Silo)
                {
                    request.TryFail(new InvalidOperationException($"Grain {request.Target} is placed on silo {silo.Endpoint}, which this silo cannot reach."));
                    return;
                }

                var fresh = new ActivationData(runtime, info, request.Target);
                activation = _activations.GetOrAdd(request.Target, fresh);
                if (ReferenceEquals(activation, fresh))
                {
                    fresh.Activate();
                }
            }

            if (activation.TryEnqueue(request))
            {
                return;
            }

            // It deactivated between lookup and enqueue: drop the stale entry and try again.
            _activations.TryRemove(new KeyValuePair<GrainId, ActivationData>(request.Target, activation));
        }
    }

    /// <summary>Forgets an activation that is gone.</summary>
    public void OnDeactivated(ActivationData activation)
    {
        if (activation.ClassInfo.IsStatelessWorker)
        {
            if (_workerPools.TryGetValue(activation.GrainId, out var pool))
            {
                pool.Remove(activation);
            }

            return;
        }

        _activations.TryRemove(new KeyValuePair<GrainId, ActivationData>(activation.GrainId, activation));
    }

    /// <summary>Deactivates activations idle longer than their collection age.</summary>
    public int CollectIdle()
    {
        var now = runtime.TimeProvider.GetTimestamp();
        var collected = 0;
        foreach (var activation in Activations)
        {
            var age = activation.ClassInfo.CollectionAge ?? runtime.Options.CollectionAge;
            if (activation.IsCollectable(now, age) && activation.StartDeactivation(DeactivationReason.IdleCollection))
            {
                collected++;
            }
        }

        return collected;
    }

    /// <summary>Deactivates everything gracefully (shutdown) and waits, up to the deactivation timeout.</summary>
    public async Task DeactivateAllAsync()
    {
        var activations = Activations.ToList();
        foreach (var activation in activations)
        {
            activation.StartDeactivation(DeactivationReason.ShuttingDown);
        }

        var all = Task.WhenAll(activations.Select(a => a.Deactivated));
        await Task.WhenAny(all, Task.Delay(runtime.Options.DeactivationTimeout * 2));
    }

    /// <summary>Refuses new calls from now on.</summary>
    public void Stop(Exception reason) => _stopped = reason;

    /// <summary>Drops every activation at once (a crash).</summary>
    public void Abort(Exception reason)
    {
        Stop(reason);
        foreach (var activation in Activations.ToList())
        {
            activation.Abort(reason);
        }
    }
}
