using Visco.Runtime.Abstractions;

namespace Visco.Dashboard.Tests;

/// <summary>A grain the browser tests put load on.</summary>
public interface ILoadGrain : IGrainWithStringKey
{
    /// <summary>Does a little work and returns the number of calls so far.</summary>
    Task<int> Work();

    /// <summary>Always fails, so failures show.</summary>
    Task Fail();
}

internal sealed class LoadGrain : Grain, ILoadGrain
{
    private int _calls;

    public Task<int> Work() => Task.FromResult(++_calls);

    public Task Fail() => throw new InvalidOperationException("load test failure");
}
