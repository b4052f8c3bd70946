using Visco.Runtime.Abstractions;
using Visco.Runtime.Abstractions.State;

namespace Visco.Silo.Tests;

/// <summary>Keeps a note in memory and writes it only when deactivated: proves a graceful stop flushes.</summary>
public interface INoteGrain : IGrainWithStringKey
{
    /// <summary>Sets the note (not yet written).</summary>
    Task Set(string note);

    /// <summary>The stored note.</summary>
    Task<string?> Get();
}

/// <summary>State of <see cref="NoteGrain"/>.</summary>
public sealed class NoteState
{
    /// <summary>The note.</summary>
    public string? Note { get; set; }
}

internal sealed class NoteGrain([PersistentState("note")] IPersistentState<NoteState> state) : Grain, INoteGrain
{
    private string? _pending;

    public Task Set(string note)
    {
        _pending = note;
        return Task.CompletedTask;
    }

    public Task<string?> Get() => Task.FromResult(_pending ?? state.State.Note);

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (_pending is not null)
        {
            state.State.Note = _pending;
            await state.WriteStateAsync(cancellationToken);
        }
    }
}
