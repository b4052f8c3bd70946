using Microsoft.Extensions.Hosting;
using Visco.Grains.Interfaces.Results;

namespace Visco.DomainStore.Hosting;

/// <summary>Migrates the results schema at start-up, so a schema newer than the build fails the start, not the first query.</summary>
internal sealed class ResultStoreInitializer(IResultStore store) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => store.InitializeAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
