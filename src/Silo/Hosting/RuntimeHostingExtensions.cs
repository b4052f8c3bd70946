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
            var dataDirectory = builder.DataDirectory();
            Directory.CreateDirectory(dataDirectory);
            var time = provider.GetRequiredService<TimeProvider>();
            var store = RuntimeStoreFactory.Create(provider.GetRequiredService<IOptions<StorageSettings>>().Value, dataDirectory, time);
            var assemblies = provider.GetServices<GrainAssembly>().Select(g => g.Assembly);
            return new SiloHost(
                store, assemblies, provider.GetRequiredService<IOptions<SiloOptions>>().Value, provider, time,
                provider.GetRequiredService<ILoggerFactory>());
        });
        services.AddSingleton<IGrainFactory>(provider => provider.GetRequiredService<SiloHost>().GrainFactory);
        services.AddSingleton(provider => provider.GetRequiredService<SiloHost>().GetStreamProvider());
        services.AddHostedService<SiloHostedService>();
        var urls = builder.Configuration["Urls"] ?? "http://localhost:8080";
        builder.Configuration["Urls"] = string.Empty; // bound explicitly below; Kestrel would warn that it ignores them
        services.AddSingleton<IConfigureOptions<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>>(new HttpEndpointsSetup(urls));
        services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(30));
        services.AddHealthChecks().AddCheck<SiloReadinessCheck>("silo", tags: ["ready"]);
        return builder;
    }

    /// <summary>
    /// DESIGN.md section 10: the dashboard is open on localhost in the embedded default (tokens signed by the silo's own
    /// key), and needs the ops role once an external authority is configured. An explicit Visco:Dashboard:Access wins.
    /// </summary>
    public static IHostApplicationBuilder OpenDashboardOnLoopbackWhenEmbedded(this IHostApplicationBuilder builder)
    {
        var embedded = string.Equals(builder.Configuration["Visco:Api:Auth:Mode"] ?? "Embedded", "Embedded", StringComparison.OrdinalIgnoreCase);
        if (embedded && builder.Configuration["Visco:Dashboard:Access"] is null)
        {
            builder.Configuration["Visco:Dashboard:Access"] = "Loopback";
        }

        return builder;
    }

    /// <summary>Hosts the grain classes of an assembly in the silo.</summary>
    public static IHostApplicationBuilder AddGrains(this IHostApplicationBuilder builder, System.Reflection.Assembly assembly)
    {
        builder.Services.AddSingleton(new GrainAssembly(assembly));
        return builder;
    }

    /// <summary>The full path of "Visco:DataDirectory" (default <c>data</c> under the working directory).</summary>
    public static string DataDirectory(this IHostApplicationBuilder builder) =>
        Path.GetFullPath(builder.Configuration["Visco:DataDirectory"] ?? "data");
}
