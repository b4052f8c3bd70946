using Visco.Runtime.Abstractions;
using Visco.Runtime.Invocation;

namespace Visco.Runtime.Catalog;

/// <summary>
/// The activations of one stateless-worker key in this silo: a call goes to an idle one; another is created only when
/// all are busy and there are fewer than the class's maximum; otherwise the least loaded one queues it.
/// </summary>
internal sealed class StatelessWorkerPool(GrainRuntime runtime, GrainClassInfo classInfo, GrainId grainId)
{
    private readonly Lock _lock = new();
    private readonly List<ActivationData> _workers = [];

    /// <summary>The activations alive now.</summary>
    public IReadOnlyList<ActivationData> Workers
    {
        get
        {
            lock (_lock)
            {
                return _workers.ToArray();
            }
        }
    }

    /// <summary>Sends a call to a worker.</summary>
    public void Send(GrainRequest request)
    {
        while (true)
        {
            ActivationData target;
            var created = false;
            lock (_lock)
            {
                target = _workers.Find(w => w.IsIdle) ?? CreateOrLeastLoadedLocked(out created);
            }

            if (created)
            {
                target.Activate();
            }

            if (target.TryEnqueue(request))
            {
                return;
            }

            Remove(target);
        }
    }

    /// <summary>Forgets a worker that was deactivated.</summary>
    public void Remove(ActivationData worker)
    {
        lock (_lock)
        {
            _workers.Remove(worker);
        }
    }

    private ActivationData CreateOrLeastLoadedLocked(out bool created)
    {
        created = _workers.Count < classInfo.MaxLocalWorkers;
        if (created)
        {
            var worker = new ActivationData(runtime, classInfo, grainId);
            _workers.Add(worker);
            return worker;
        }

        return _workers.MinBy(w => w.Load)!;
    }
}
