using Visco.Grains.Interfaces.Models;

namespace Visco.Api.Models;

/// <summary>The registered model versions and which one is active.</summary>
/// <param name="ActiveVersion">The active version; null before one is.</param>
/// <param name="Versions">Every registered version with its metrics, oldest first.</param>
public sealed record ModelCatalog(string? ActiveVersion, IReadOnlyList<ModelVersionInfo> Versions);
