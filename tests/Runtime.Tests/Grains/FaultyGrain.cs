using Visco.Runtime.Abstractions;

namespace Visco.Runtime.Tests.Grains;

/// <summary>Throws, hangs, or fails to activate, on request.</summary>
public interface IFaultyGrain : IGrainWithIntegerKey
{
    /// <summary>Throws the test's own exception type.</summary>
    Task Throw(string message);

    /// <summary>Never completes until released.</summary>
    Task<int> Hang();

    /// <summary>Completes with a value.</summary>
    ValueTask<int> Answer(int value);
}

/// <summary>The exception a faulty grain throws.</summary>
public sealed class FaultyGrainException(string message) : Exception(message);

internal sealed class FaultyGrain : Grain, IFaultyGrain
{
    public override Task OnActivateAsync(CancellationToken cancellationToken) =>
        GetPrimaryKeyLong() < 0
            ? throw new InvalidOperationException($"grain {GetPrimaryKeyLong()} refuses to activate")
            : Task.CompletedTask;

    public Task Throw(string message) => throw new FaultyGrainException(message);

    public Task<int> Hang() => new TaskCompletionSource<int>().Task;

    public ValueTask<int> Answer(int value) => ValueTask.FromResult(value);
}
