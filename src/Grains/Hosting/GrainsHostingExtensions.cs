using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Visco.Grains.Fleet;
using Visco.Grains.Ingress;
using Visco.Grains.Interfaces.Devices;
using Visco.Grains.Interfaces.Ingress;
using Visco.Grains.Models;
using Visco.Lake.Storage;

namespace Visco.Grains.Hosting;

/// <summary>Adds the domain grains' services to the host.</summary>
public static class GrainsHostingExtensions
{
    /// <summary>
    /// Registers what the domain grains need and what they offer: options ("Visco:Grains"), the model cache and file
    /// store (the lake under "Visco:DataDirectory" unless an <see cref="ILakeStore"/> is registered), the bootstrap
    /// (a hosted service: call this after the runtime's registration so it starts after the silo), the readiness
    /// check "model" (tag "ready"), <see cref="IDeviceMessageHandler"/>, <see cref="IDeviceDirectory"/> and
    /// <see cref="DeviceRegistrar"/>. The silo must also host <see cref="ViscoGrains.Assembly"/>.
    /// </summary>
    public static IHostApplicationBuilder AddViscoGrains(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = new GrainsOptions();
        builder.Configuration.GetSection("Visco:Grains").Bind(options);
        options.Validate();
        var dataDirectory = Path.GetFullPath(builder.Configuration["Visco:DataDirectory"] ?? "data");
        AddViscoGrainServices(builder.Services, options, dataDirectory);
        builder.Services.AddHostedService<ModelBootstrapService>();
        builder.Services.AddHealthChecks().AddCheck<ModelReadinessCheck>("model", tags: ["ready"]);
        return builder;
    }

    /// <summary>The services grains take by injection, without hosted services (for tests and benchmarks that host a silo themselves).</summary>
    public static IServiceCollection AddViscoGrainServices(this IServiceCollection services, GrainsOptions options, string dataDirectory)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        services.AddSingleton(options);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ILakeStore>(_ => new LocalLakeStore(dataDirectory));
        services.TryAddSingleton<IModelFileStore, LakeModelFileStore>();
        services.AddSingleton<ModelCache>();
        services.AddSingleton<ModelBootstrapper>();
        services.AddSingleton<IDeviceMessageHandler, DeviceMessageHandler>();
        services.AddSingleton<IDeviceDirectory, DeviceDirectory>();
        services.AddSingleton<DeviceRegistrar>();
        return services;
    }
}
