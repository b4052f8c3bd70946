using Visco.Runtime.Abstractions;

namespace Visco.Runtime.Tests.Grains;

/// <summary>A stateless worker that holds each call until released, to observe how many activations serve at once.</summary>
public interface IWorkerGrain : IGrainWithIntegerKey
{
    /// <summary>Records its activation's id and waits until the gate opens.</summary>
    Task<Guid> Work(string gate);
}

[StatelessWorker(2)]
internal sealed class WorkerGrain : Grain, IWorkerGrain
{
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, TaskCompletionSource> Gates = new();
    private readonly Guid _id = Guid.NewGuid();

    public static void Open(string gate) => Gates.GetOrAdd(gate, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();

    public async Task<Guid> Work(string gate)
    {
        Hosting.Recorder.Add(gate, _id);
        await Gates.GetOrAdd(gate, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;
        return _id;
    }
}
