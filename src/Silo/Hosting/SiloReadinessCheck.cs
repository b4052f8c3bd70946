using Microsoft.Extensions.Diagnostics.HealthChecks;
using Visco.Runtime.Hosting;

namespace Visco.Silo.Hosting;

/// <summary>Ready when the silo has started (store migrated, reminders armed, streams followed) and not stopped.</summary>
internal sealed class SiloReadinessCheck(SiloHost silo) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(silo.IsRunning
            ? HealthCheckResult.Healthy($"silo running on {silo.Store.Name} with {silo.ActivationCount} activations")
            : HealthCheckResult.Unhealthy("silo not running"));
}
