using Visco.Runtime.Abstractions;

namespace Visco.Runtime.Tests.Grains;

/// <summary>No class implements this.</summary>
public interface IUnimplementedGrain : IGrainWithStringKey
{
    /// <summary>Unused.</summary>
    Task Nothing();
}

/// <summary>Breaks the contract: a delegate parameter cannot cross a silo boundary.</summary>
public interface IBadArgumentGrain : IGrainWithStringKey
{
    /// <summary>Takes a callback.</summary>
    Task Run(Func<int> callback);
}

internal sealed class BadArgumentGrain : Grain, IBadArgumentGrain
{
    public Task Run(Func<int> callback) => Task.FromResult(callback());
}
