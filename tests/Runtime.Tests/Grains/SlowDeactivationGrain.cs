using Visco.Runtime.Abstractions;

namespace Visco.Runtime.Tests.Grains;

/// <summary>A grain whose OnDeactivateAsync waits for its gate: a flush that takes a while at shutdown.</summary>
public interface ISlowDeactivationGrain : IGrainWithStringKey
{
    /// <summary>Activates it.</summary>
    Task Ping();
}

/// <summary>Gates that <see cref="ISlowDeactivationGrain"/>'s deactivation waits on, by grain key.</summary>
public static class DeactivationGate
{
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, TaskCompletionSource> Gates = new();

    /// <summary>The gate of a key (created on first use).</summary>
    public static TaskCompletionSource For(string key) =>
        Gates.GetOrAdd(key, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
}

internal sealed class SlowDeactivationGrain : Grain, ISlowDeactivationGrain
{
    public Task Ping() => Task.CompletedTask;

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        Hosting.Recorder.Add($"deactivating:{GetPrimaryKeyString()}", reason);
        await DeactivationGate.For(GetPrimaryKeyString()).Task;
        Hosting.Recorder.Add($"deactivated:{GetPrimaryKeyString()}", reason);
    }
}
