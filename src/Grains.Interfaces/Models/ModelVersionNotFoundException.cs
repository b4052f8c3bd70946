namespace Visco.Grains.Interfaces.Models;

/// <summary>A model version that is not registered was asked for.</summary>
public sealed class ModelVersionNotFoundException(string version)
    : InvalidOperationException($"Model version '{version}' is not registered.")
{
    /// <summary>The version.</summary>
    public string Version { get; } = version;
}
