namespace Visco.Runtime.Abstractions.State;

/// <summary>
/// Durable state of a grain, loaded before <see cref="Grain.OnActivateAsync"/>. Every write carries the ETag of the
/// version it replaces: a write after someone else's write fails with <see cref="InconsistentStateException"/> and
/// never overwrites it.
/// </summary>
public interface IPersistentState<TState>
{
    /// <summary>The current state; a new default instance when nothing was stored.</summary>
    TState State { get; set; }

    /// <summary>The version of the stored record this state was read or written as; null when none exists.</summary>
    string? Etag { get; }

    /// <summary>Whether a stored record exists.</summary>
    bool RecordExists { get; }

    /// <summary>Reloads the state from storage.</summary>
    Task ReadStateAsync(CancellationToken cancellationToken = default);

    /// <summary>Writes the state; returns once it is durable.</summary>
    Task WriteStateAsync(CancellationToken cancellationToken = default);

    /// <summary>Deletes the stored record and resets the state to its default.</summary>
    Task ClearStateAsync(CancellationToken cancellationToken = default);
}
