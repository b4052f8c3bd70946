using Visco.Runtime.Abstractions;
using Visco.Runtime.Abstractions.State;

namespace Visco.Runtime.Tests.Grains;

/// <summary>A counter with durable state; records activations and deactivations.</summary>
public interface ICounterGrain : IGrainWithStringKey
{
    /// <summary>Adds to the counter and writes it.</summary>
    Task<int> Add(int amount);

    /// <summary>The counter.</summary>
    Task<int> Get();

    /// <summary>The ETag of the loaded state.</summary>
    Task<string?> GetEtag();

    /// <summary>Asks to be deactivated after this call.</summary>
    Task Deactivate();
}

/// <summary>State of <see cref="CounterGrain"/>.</summary>
public sealed class CounterState
{
    /// <summary>The count.</summary>
    public int Value { get; set; }
}

internal sealed class CounterGrain([PersistentState("counter")] IPersistentState<CounterState> state) : Grain, ICounterGrain
{
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        Hosting.Recorder.Add($"activate:{GetPrimaryKeyString()}", state.State.Value);
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        Hosting.Recorder.Add($"deactivate:{GetPrimaryKeyString()}", reason);
        return Task.CompletedTask;
    }

    public async Task<int> Add(int amount)
    {
        state.State.Value += amount;
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            // Not written: keep memory equal to what storage acknowledged.
            state.State.Value -= amount;
            throw;
        }

        return state.State.Value;
    }

    public Task<int> Get() => Task.FromResult(state.State.Value);

    public Task<string?> GetEtag() => Task.FromResult(state.Etag);

    public Task Deactivate()
    {
        DeactivateOnIdle();
        return Task.CompletedTask;
    }
}
