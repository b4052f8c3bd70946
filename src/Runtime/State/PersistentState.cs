using System.Diagnostics;
using System.Text.Json;
using Visco.Runtime.Abstractions;
using Visco.Runtime.Abstractions.State;
using Visco.Runtime.Abstractions.Storage;
using Microsoft.Extensions.Logging;
using Visco.Runtime.Hosting;
using Visco.Runtime.Metrics;

namespace Visco.Runtime.State;

/// <summary>One named state record of one grain, bound to a storage provider.</summary>
internal sealed class PersistentState<TState>(
    GrainId grainId, string stateName, string storageName, IGrainStorage storage, ILogger logger)
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
        var record = await Logged("read", storage.ReadAsync(grainId, stateName, cancellationToken));
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
        Etag = await Logged("write", storage.WriteAsync(grainId, stateName, data, Etag, cancellationToken));
        RuntimeInstruments.RecordStorage("write", storageName, started);
        RecordExists = true;
    }

    /// <inheritdoc />
    public async Task ClearStateAsync(CancellationToken cancellationToken = default)
    {
        var started = Stopwatch.GetTimestamp();
        await Logged("clear", storage.ClearAsync(grainId, stateName, Etag, cancellationToken).ContinueWith(
            static t => t.IsFaulted ? throw t.Exception!.InnerException! : true, TaskScheduler.Default));
        RuntimeInstruments.RecordStorage("clear", storageName, started);
        Etag = null;
        RecordExists = false;
        State = CreateDefault();
    }

    // Storage failures reach the grain (and its caller) unchanged; the log line names the grain, never the data.
    private async Task<T> Logged<T>(string operation, Task<T> pending)
    {
        try
        {
            return await pending;
        }
        catch (StorageUnavailableException exception)
        {
            RuntimeLog.StorageFailed(logger, exception, operation, stateName, grainId);
            throw;
        }
        catch (InconsistentStateException exception)
        {
            RuntimeLog.StateConflict(logger, operation, stateName, grainId, exception.StoredEtag, exception.CurrentEtag);
            throw;
        }
    }

    // A state type without a parameterless constructor (a positional record) starts as null until first written.
    private static TState CreateDefault() =>
        typeof(TState).GetConstructor(Type.EmptyTypes) is not null ? Activator.CreateInstance<TState>() : default!;
}
