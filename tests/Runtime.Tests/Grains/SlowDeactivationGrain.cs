using Visco.Runtime.Abstractions;

namespace Visco.Runtime.Tests.Grains;

/// <summary>A grain whose OnDeactivateAsync waits for its gate: a flush that takes a while at shutdown.</summary>
public interface ISlowDeactivationGrain : IGrainWithStringKey
{
    /// <summary>Activates it.</summary>
    Task Ping();
}

internal sealed class SlowDeactivationGrain : Grain, ISlowDeactivationGrain
{
    public Task Ping() => Task.CompletedTask;

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        Hosting.Recorder.Add($"deactivating:{GetPrimaryKeyString()}", reason);
        await GrainGates.For(GetPrimaryKeyString()).Task;
        Hosting.Recorder.Add($"deactivated:{GetPrimaryKeyString()}", reason);
    }
}
