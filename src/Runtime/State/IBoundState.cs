namespace Visco.Runtime.State;

/// <summary>A persistent state bound to an activation: the activation loads it before OnActivateAsync.</summary>
internal interface IBoundState
{
    /// <summary>Loads the state from storage.</summary>
    Task ReadStateAsync(CancellationToken cancellationToken = default);
}
