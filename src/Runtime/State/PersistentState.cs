using System.Diagnostics;
using System.Text.Json;
using Visco.Runtime.Abstractions;
using Visco.Runtime.Abstractions.State;
using Visco.Runtime.Abstractions.Storage;
using Visco.Runtime.Metrics;

namespace Visco.Runtime.State;

/// <summary>One named state record of one grain, bound to a storage provider.</summary>
internal sealed class PersistentState<TState>(GrainId grainId, string stateName, string storageName, IGrainStorage storage)
    : IPersistentState<TState>, IBoundState
{
    /// <inheritdoc />
    public TState State { get; set; } = CreateDefault();

    /// <inheritdoc />
    public string? Etag { get; private set; }

    /// <inheritdoc />
    public bool RecordExists { get; private set; }

    /// <inheritdoc />
    public async Task ReadStateAsync(CancellationToken cancellationToken = default)
    {
        var started = Stopwatch.GetTimestamp();
        var record = await storage.ReadAsync(grainId, stateName, cancellationToken);
        RuntimeInstruments.RecordStorage("read", storageName, started);
        if (record is null)
        {
            State = CreateDefault();
            Etag = null;
            RecordExists = false;
            return;
        }

        try
        {
            State = StateSerializer.Deserialize<TState>(record.Data) ?? CreateDefault();
        }
        catch (JsonException exception)
        {
            throw new GrainStateCorruptException(
                $"State '{stateName}' of grain {grainId} in storage '{storageName}' cannot be read as {typeof(TState).Name}: {exception.Message} The record is left untouched.",
                exception);
        }

        Etag = record.ETag;
        RecordExists = true;
    }

    /// <inheritdoc />
    public async Task WriteStateAsync(CancellationToken cancellationToken = default)
    {
        var data = StateSerializer.Serialize(State);
        var started = Stopwatch.GetTimestamp();
        Etag = await storage.WriteAsync(grainId, stateName, data, Etag, cancellationToken);
        RuntimeInstruments.RecordStorage("write", storageName, started);
        RecordExists = true;
    }

    /// <inheritdoc />
    public async Task ClearStateAsync(CancellationToken cancellationToken = default)
    {
        var started = Stopwatch.GetTimestamp();
        await storage.ClearAsync(grainId, stateName, Etag, cancellationToken);
        RuntimeInstruments.RecordStorage("clear", storageName, started);
        Etag = null;
        RecordExists = false;
        State = CreateDefault();
    }

    // A state type without a parameterless constructor (a positional record) starts as null until first written.
    private static TState CreateDefault() =>
        typeof(TState).GetConstructor(Type.EmptyTypes) is not null ? Activator.CreateInstance<TState>() : default!;
}
