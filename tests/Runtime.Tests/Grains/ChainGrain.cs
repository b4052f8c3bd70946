using Visco.Runtime.Abstractions;

namespace Visco.Runtime.Tests.Grains;

/// <summary>Calls itself or another grain, to provoke deadlocks.</summary>
public interface IChainGrain : IGrainWithStringKey
{
    /// <summary>Calls <see cref="Echo"/> on the given grain, which may be itself.</summary>
    Task<string> CallThrough(string nextKey, string? thenKey);

    /// <summary>Answers.</summary>
    Task<string> Echo();
}

internal sealed class ChainGrain : Grain, IChainGrain
{
    public Task<string> CallThrough(string nextKey, string? thenKey) =>
        thenKey is null
            ? GrainFactory.GetGrain<IChainGrain>(nextKey).Echo()
            : GrainFactory.GetGrain<IChainGrain>(nextKey).CallThrough(thenKey, null);

    public Task<string> Echo() => Task.FromResult(GetPrimaryKeyString());
}
