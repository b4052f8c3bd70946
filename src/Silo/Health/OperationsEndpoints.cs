using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Visco.Runtime.Metrics;

namespace Visco.Silo.Health;

/// <summary>Liveness, readiness and Prometheus metrics.</summary>
public static class OperationsEndpoints
{
    /// <summary>Maps <c>/healthz</c> (the process answers), <c>/readyz</c> (the silo serves) and <c>/metrics</c>.</summary>
    public static IEndpointRouteBuilder MapOperations(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = _ => false });
        endpoints.MapHealthChecks("/readyz", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready") });
        endpoints.MapGet("/metrics", (MetricsCollector collector) =>
            Results.Text(PrometheusTextWriter.Write(collector.Collect()), PrometheusTextWriter.ContentType))
            .WithName("PrometheusMetrics")
            .ExcludeFromDescription();
        return endpoints;
    }
}
