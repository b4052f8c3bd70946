namespace Visco.Runtime.Tests.Grains;

/// <summary>Gates test grains wait on, by grain key: a held turn (<see cref="ITimerGrain.Hold"/>), a slow deactivation.</summary>
public static class GrainGates
{
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, TaskCompletionSource> Gates = new();

    /// <summary>The gate of a key (created on first use).</summary>
    public static TaskCompletionSource For(string key) =>
        Gates.GetOrAdd(key, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));

    /// <summary>Lets what waits on the key's gate go on.</summary>
    public static void Release(string key) => For(key).TrySetResult();
}
