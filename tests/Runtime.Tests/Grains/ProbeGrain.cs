using Visco.Runtime.Abstractions;

namespace Visco.Runtime.Tests.Grains;

/// <summary>Detects interleaving: a call marks itself busy, yields, and reports whether another call ran meanwhile.</summary>
public interface IProbeGrain : IGrainWithStringKey
{
    /// <summary>Enters, yields a few times, leaves; returns how many other calls were inside when it was.</summary>
    Task<int> Enter();

    /// <summary>The same, but may interleave with anything.</summary>
    [AlwaysInterleave]
    Task<int> EnterInterleaved();

    /// <summary>How many constructions of this grain key happened.</summary>
    Task<int> Constructions();
}

internal sealed class ProbeGrain : Grain, IProbeGrain
{
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, int> ConstructionCounts = new();
    private int _inside;
    private int _threadsInside;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        ConstructionCounts.AddOrUpdate(GetPrimaryKeyString(), 1, (_, n) => n + 1);
        return Task.CompletedTask;
    }

    public Task<int> Enter() => Probe();

    public Task<int> EnterInterleaved() => Probe();

    public Task<int> Constructions() => Task.FromResult(ConstructionCounts.GetValueOrDefault(GetPrimaryKeyString()));

    private async Task<int> Probe()
    {
        var seen = 0;
        _inside++;
        if (Interlocked.Increment(ref _threadsInside) > 1)
        {
            throw new InvalidOperationException("two threads ran grain code of one activation at once");
        }

        for (var i = 0; i < 5; i++)
        {
            Interlocked.Decrement(ref _threadsInside);
            await Task.Yield();
            await Task.Delay(1);
            Interlocked.Increment(ref _threadsInside);
            seen = Math.Max(seen, _inside - 1);
        }

        Interlocked.Decrement(ref _threadsInside);
        _inside--;
        return seen;
    }
}
