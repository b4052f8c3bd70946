using Visco.Runtime.Abstractions;

namespace Visco.Grains.Interfaces.Models;

/// <summary>
/// The model registry (one grain, key <see cref="DefaultKey"/>): model versions with their metrics, the model files
/// (stored durably), the active version and an audit trail of activations.
/// </summary>
[Alias("model-registry")]
public interface IModelRegistryGrain : IGrainWithStringKey
{
    /// <summary>The registry's key.</summary>
    const string DefaultKey = "default";

    /// <summary>
    /// Registers a model file (its version and metrics come from the file). Registering the same file again does
    /// nothing; another file under an existing version fails with <see cref="ModelVersionConflictException"/>.
    /// </summary>
    [Alias("register")]
    Task<ModelVersionInfo> Register(byte[] modelFile, string registeredBy, CancellationToken cancellationToken = default);

    /// <summary>Makes a registered version the active one, audited; fails with <see cref="ModelVersionNotFoundException"/>.</summary>
    [Alias("activate")]
    Task Activate(string version, string activatedBy, CancellationToken cancellationToken = default);

    /// <summary>The active version, or null when none is active yet.</summary>
    [Alias("get-active-version")]
    Task<string?> GetActiveVersion(CancellationToken cancellationToken = default);

    /// <summary>Every registered version, oldest first.</summary>
    [Alias("get-versions")]
    Task<IReadOnlyList<ModelVersionInfo>> GetVersions(CancellationToken cancellationToken = default);

    /// <summary>The model file of a version; fails with <see cref="ModelVersionNotFoundException"/>.</summary>
    [Alias("get-model-file")]
    Task<byte[]> GetModelFile(string version, CancellationToken cancellationToken = default);

    /// <summary>Every activation, oldest first.</summary>
    [Alias("get-activations")]
    Task<IReadOnlyList<ModelActivation>> GetActivations(CancellationToken cancellationToken = default);
}
