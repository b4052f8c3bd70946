using Visco.Runtime.Hosting;

namespace Visco.Silo.Hosting;

/// <summary>Starts the silo with the host and stops it gracefully on SIGTERM or Ctrl+C (grains deactivate, writes drain).</summary>
internal sealed class SiloHostedService(SiloHost silo) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => silo.StartAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => silo.StopAsync(cancellationToken);
}
