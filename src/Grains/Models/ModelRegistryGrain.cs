using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Visco.Grains.Diagnostics;
using Visco.Grains.Interfaces.Models;
using Visco.Model.Files;
using Visco.Runtime.Abstractions;
using Visco.Runtime.Abstractions.State;

namespace Visco.Grains.Models;

/// <summary>
/// The model registry. A file is stored before the state that names it, so a registered version always has its file;
/// a crash in between leaves only an unreferenced file, overwritten by the next registration of that version.
/// </summary>
[GrainType("model-registry")]
internal sealed class ModelRegistryGrain(
    [PersistentState("registry")] IPersistentState<ModelRegistryState> state,
    IModelFileStore files,
    ILogger<ModelRegistryGrain> logger) : Grain, IModelRegistryGrain
{
    /// <inheritdoc />
    public async Task<ModelVersionInfo> Register(byte[] modelFile, string registeredBy, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(modelFile);
        ModelFileInfo info;
        try
        {
            // Load, not just read the header: a file that cannot serve (schema mismatch, bad trees) is refused here.
            using (var stream = new MemoryStream(modelFile, writable: false))
            {
                ModelFile.Load(stream);
            }

            using var header = new MemoryStream(modelFile, writable: false);
            info = ModelFile.ReadInfo(header);
        }
        catch (ModelFileException exception)
        {
            throw new InvalidModelFileException($"The model file cannot be registered: {exception.Message}", exception);
        }

        var metadata = info.Metadata;
        var sha = Convert.ToHexStringLower(SHA256.HashData(modelFile));
        var existing = state.State.Versions.Find(v => v.Version == metadata.ModelVersion);
        if (existing is not null)
        {
            return existing.FileSha256 == sha ? existing : throw new ModelVersionConflictException(metadata.ModelVersion);
        }

        await files.SaveAsync(metadata.ModelVersion, modelFile, cancellationToken);
        var version = new ModelVersionInfo(
            metadata.ModelVersion,
            metadata.CreatedAt,
            metadata.TrainingDataSource,
            metadata.TrainingSampleCount,
            new Dictionary<string, double>(metadata.Metrics),
            sha,
            GrainContext.TimeProvider.GetUtcNow(),
            registeredBy);
        state.State.Versions.Add(version);
        await state.WriteStateAsync(cancellationToken);
        DomainLog.ModelRegistered(logger, version.Version, registeredBy);
        return version;
    }

    /// <inheritdoc />
    public async Task Activate(string version, string activatedBy, CancellationToken cancellationToken = default)
    {
        if (!state.State.Versions.Exists(v => v.Version == version))
        {
            throw new ModelVersionNotFoundException(version);
        }

        var previous = state.State.ActiveVersion;
        if (previous == version)
        {
            return;
        }

        state.State.ActiveVersion = version;
        state.State.Activations.Add(new ModelActivation(version, previous, activatedBy, GrainContext.TimeProvider.GetUtcNow()));
        await state.WriteStateAsync(cancellationToken);
        DomainLog.ModelActivated(logger, version, activatedBy, previous);
    }

    /// <inheritdoc />
    public Task<string?> GetActiveVersion(CancellationToken cancellationToken = default) => Task.FromResult(state.State.ActiveVersion);

    /// <inheritdoc />
    public Task<IReadOnlyList<ModelVersionInfo>> GetVersions(CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<ModelVersionInfo>>(state.State.Versions.ToArray());

    /// <inheritdoc />
    public Task<byte[]> GetModelFile(string version, CancellationToken cancellationToken = default) =>
        state.State.Versions.Exists(v => v.Version == version)
            ? files.LoadAsync(version, cancellationToken)
            : throw new ModelVersionNotFoundException(version);

    /// <inheritdoc />
    public Task<IReadOnlyList<ModelActivation>> GetActivations(CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<ModelActivation>>(state.State.Activations.ToArray());
}
