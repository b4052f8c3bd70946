namespace Visco.Grains.Interfaces.Models;

/// <summary>One activation of a model version (the audit trail).</summary>
/// <param name="Version">The version activated.</param>
/// <param name="PreviousVersion">The version it replaced; null for the first.</param>
/// <param name="ActivatedBy">Who activated it.</param>
/// <param name="ActivatedAt">When (UTC).</param>
public sealed record ModelActivation(string Version, string? PreviousVersion, string ActivatedBy, DateTimeOffset ActivatedAt);
