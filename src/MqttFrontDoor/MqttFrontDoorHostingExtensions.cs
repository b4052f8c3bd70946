using System.Diagnostics.Metrics;
using System.Reflection;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Visco.Grains.Interfaces.Devices;
using Visco.Grains.Interfaces.Ingress;
using Visco.MqttFrontDoor.Connections;
using Visco.MqttFrontDoor.Diagnostics;
using Visco.MqttFrontDoor.Hosting;
using Visco.Runtime.Abstractions;

namespace Visco.MqttFrontDoor;

/// <summary>Composition of the MQTT front door into a host.</summary>
public static class MqttFrontDoorHostingExtensions
{
    /// <summary>The assembly holding the front door's grains (session and retained-message store): register it with the silo.</summary>
    public static Assembly GrainAssembly => typeof(Sessions.MqttSessionGrain).Assembly;

    /// <summary>
    /// Adds the MQTT front door: options from "Visco:Mqtt" (validated at start), the broker, <see cref="IDeviceConnections"/>,
    /// and the Kestrel listeners. Uses <see cref="IGrainFactory"/> (durable sessions), <see cref="IDeviceDirectory"/> and
    /// <see cref="IDeviceMessageHandler"/> from the container when registered.
    /// </summary>
    public static IHostApplicationBuilder AddMqttFrontDoor(this IHostApplicationBuilder builder, Action<MqttFrontDoorOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        var options = services.AddOptions<MqttFrontDoorOptions>().Bind(builder.Configuration.GetSection(MqttFrontDoorOptions.SectionName));
        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<MqttFrontDoorOptions>, MqttFrontDoorOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new MqttMetrics(sp.GetService<IMeterFactory>()));
        services.TryAddSingleton(sp => new MqttFrontDoorServer(new MqttBroker(
            sp.GetRequiredService<IOptions<MqttFrontDoorOptions>>().Value,
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<MqttMetrics>(),
            sp.GetRequiredService<ILoggerFactory>(),
            sp.GetService<IGrainFactory>(),
            sp.GetService<IDeviceDirectory>,
            sp.GetService<IDeviceMessageHandler>)));
        services.TryAddSingleton(sp => sp.GetRequiredService<MqttFrontDoorServer>().DeviceConnections);
        services.TryAddSingleton<MqttConnectionHandler>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IConfigureOptions<KestrelServerOptions>, MqttKestrelSetup>());
        return builder;
    }
}
