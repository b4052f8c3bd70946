using Visco.Runtime.Abstractions;

namespace Visco.Runtime.Tests.Grains;

/// <summary>A reentrant grain: calls interleave at awaits, but never run on two threads at once.</summary>
public interface IReentrantProbeGrain : IGrainWithStringKey
{
    /// <summary>Waits for <paramref name="count"/> calls to be inside at once; returns the most seen.</summary>
    Task<int> Gather(int count);
}

[Reentrant]
internal sealed class ReentrantProbeGrain : Grain, IReentrantProbeGrain
{
    private readonly List<TaskCompletionSource> _gathered = [];
    private int _inside;
    private int _most;

    public async Task<int> Gather(int count)
    {
        _inside++;
        _most = Math.Max(_most, _inside);
        var arrived = new TaskCompletionSource();
        _gathered.Add(arrived);
        if (_gathered.Count >= count)
        {
            _gathered.ForEach(g => g.TrySetResult());
        }

        await arrived.Task.WaitAsync(TimeSpan.FromSeconds(10));
        _inside--;
        return _most;
    }
}
