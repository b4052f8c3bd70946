using Microsoft.Extensions.Options;
using Visco.Runtime.Abstractions;
using Visco.Runtime.Hosting;
using Visco.Runtime.Metrics;
using Visco.Silo.Configuration;

namespace Visco.Silo.Hosting;

/// <summary>Adds the grain runtime to the host, configured from "Visco:Runtime" and "Visco:Storage".</summary>
public static class RuntimeHostingExtensions
{
    /// <summary>Registers the silo, its store, the grain factory and the metrics collector.</summary>
    public static IHostApplicationBuilder AddViscoRuntime(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.Configure<SiloOptions>(builder.Configuration.GetSection("Visco:Runtime"));
        services.Configure<StorageSettings>(builder.Configuration.GetSection("Visco:Storage"));
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<MetricsCollector>();
        services.AddSingleton(provider =>
        {
            var dataDirectory = Path.GetFullPath(builder.Configuration["Visco:DataDirectory"] ?? "data");
            Directory.CreateDirectory(dataDirectory);
            var time = provider.GetRequiredService<TimeProvider>();
            var store = RuntimeStoreFactory.Create(provider.GetRequiredService<IOptions<StorageSettings>>().Value, dataDirectory, time);
            var assemblies = provider.GetServices<GrainAssembly>().Select(g => g.Assembly);
            return new SiloHost(
                store, assemblies, provider.GetRequiredService<IOptions<SiloOptions>>().Value, provider, time,
                provider.GetRequiredService<ILoggerFactory>());
        });
        services.AddSingleton<IGrainFactory>(provider => provider.GetRequiredService<SiloHost>().GrainFactory);
        services.AddHostedService<SiloHostedService>();
        services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(30));
        services.AddHealthChecks().AddCheck<SiloReadinessCheck>("silo", tags: ["ready"]);
        return builder;
    }
}
