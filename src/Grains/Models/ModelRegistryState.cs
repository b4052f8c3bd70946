using Visco.Grains.Interfaces.Models;

namespace Visco.Grains.Models;

/// <summary>The registry's durable state (the files themselves live in the <see cref="IModelFileStore"/>).</summary>
public sealed class ModelRegistryState
{
    /// <summary>Registered versions, oldest first.</summary>
    public List<ModelVersionInfo> Versions { get; set; } = [];

    /// <summary>The active version; null until one is activated.</summary>
    public string? ActiveVersion { get; set; }

    /// <summary>The audit trail of activations, oldest first.</summary>
    public List<ModelActivation> Activations { get; set; } = [];
}
