using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Visco.DomainStore.Hosting;
using Visco.Grains.Archive;
using Visco.Grains.Hosting;
using Visco.Grains.Interfaces.Devices;
using Visco.Grains.Interfaces.Ingress;
using Visco.Grains.Interfaces.Results;
using Visco.Grains.Models;
using Visco.Runtime.Abstractions;
using Visco.Runtime.Hosting;
using Visco.Runtime.Storage.Memory;
using Visco.TestKit;

namespace Visco.Grains.Tests;

/// <summary>The extension methods the composition root calls, in a real generic host, as src/Silo wires them.</summary>
public sealed class CompositionTests
{
    [Fact]
    public async Task AddViscoGrainsAndDomainStore_FreshHost_BootstrapsModelAndServesMeasurements()
    {
        var data = Directory.CreateTempSubdirectory("visco-composition-").FullName;
        try
        {
            var builder = Host.CreateApplicationBuilder();
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Visco:DataDirectory"] = data,
                ["Visco:Grains:BootstrapSweepCount"] = "1000",
            });

            // What AddViscoRuntime does in src/Silo: the silo as a singleton, started by a hosted service registered first.
            builder.Services.AddSingleton(provider => new SiloHost(
                new MemoryRuntimeStore(new MemoryDatabase(), TimeProvider.System), [ViscoGrains.Assembly], new SiloOptions(), provider));
            builder.Services.AddSingleton<IGrainFactory>(provider => provider.GetRequiredService<SiloHost>().GrainFactory);
            builder.Services.AddHostedService<SiloStarter>();
            builder.AddViscoDomainStore();
            builder.AddViscoGrains();
            builder.AddViscoArchive();

            using var host = builder.Build();
            await host.StartAsync();
            var cache = host.Services.GetRequiredService<ModelCache>();
            await WaitForModelAsync(cache);

            var health = await host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync(r => r.Tags.Contains("ready"));
            Assert.Equal(HealthStatus.Healthy, health.Status);
            var registrar = host.Services.GetRequiredService<Fleet.DeviceRegistrar>();
            await registrar.CreateHospitalAsync("h1", "One");
            var credentials = await registrar.RegisterDeviceAsync("h1", "dev-1");
            Assert.True(await host.Services.GetRequiredService<IDeviceDirectory>().VerifySecretAsync("dev-1", credentials.Secret!));
            var answer = await host.Services.GetRequiredService<IDeviceMessageHandler>().HandleAsync(new DeviceMessage(
                "dev-1", "h1", DeviceMessageKind.Measurement, null, Hosting.Payloads.Valid("c-1"), DateTimeOffset.UtcNow, 5));
            Assert.Equal(DeviceMessageStatus.Accepted, answer.Status);
            Assert.IsAssignableFrom<IResultStore>(host.Services.GetRequiredService<IResultStore>());
            Assert.True(File.Exists(Path.Combine(data, "results.db")));
            Assert.True(File.Exists(Path.Combine(data, "lake", "models", "1", LakeModelFileStore.FileName)));
            await host.StopAsync();
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            TemporaryDirectory.Delete(data);
        }
    }

    private static async Task WaitForModelAsync(ModelCache cache) =>
        await Hosting.BoundedWait.UntilAsync(() => Task.FromResult(cache.IsReady), TimeSpan.FromSeconds(60), "the bootstrap model");

    private sealed class SiloStarter(SiloHost silo) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) => silo.StartAsync(cancellationToken);

        public Task StopAsync(CancellationToken cancellationToken) => silo.StopAsync(cancellationToken);
    }
}
