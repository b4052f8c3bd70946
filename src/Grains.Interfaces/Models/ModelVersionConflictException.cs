namespace Visco.Grains.Interfaces.Models;

/// <summary>A different model file was registered under a version that already exists.</summary>
public sealed class ModelVersionConflictException(string version)
    : InvalidOperationException($"Model version '{version}' is already registered with another file; give the new model a new version.")
{
    /// <summary>The version.</summary>
    public string Version { get; } = version;
}
