namespace Visco.Grains.Interfaces.Models;

/// <summary>No model version is active yet (the bootstrap model is still training); retry shortly.</summary>
public sealed class ModelNotReadyException()
    : InvalidOperationException("No model version is active yet; the silo is still bootstrapping its model. Retry shortly.");
