using Microsoft.Extensions.Hosting;

namespace Visco.Grains.Models;

/// <summary>
/// Runs <see cref="ModelBootstrapper"/> in the background once the host started (it is registered after the silo's
/// hosted service, and hosted services start in registration order), so the silo, health and metrics come up at once
/// and /readyz turns ready when the model is loaded. A failure stops the host: a silo that cannot serve results must
/// not pretend to.
/// </summary>
internal sealed class ModelBootstrapService(ModelBootstrapper bootstrapper) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken) =>
        await bootstrapper.EnsureActiveModelAsync(stoppingToken);
}
