using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Visco.Grains.Models;

/// <summary>Ready when the active model is loaded in this silo (after the bootstrap on a fresh install).</summary>
public sealed class ModelReadinessCheck(ModelCache cache) : IHealthCheck
{
    /// <inheritdoc />
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(cache.ActiveVersion is { } version
            ? HealthCheckResult.Healthy($"model {version} loaded")
            : HealthCheckResult.Unhealthy("no model loaded yet (bootstrap training may be running)"));
}
