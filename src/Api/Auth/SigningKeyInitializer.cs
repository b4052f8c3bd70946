using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Visco.Api.Auth;

/// <summary>Loads (or generates) the embedded signing key at start-up, so a bad key file fails the start, not the first request.</summary>
internal sealed class SigningKeyInitializer(IServiceProvider services) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        services.GetRequiredService<SigningKeyStore>();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
