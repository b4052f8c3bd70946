using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Visco.Grains.Interfaces.Devices;
using Visco.Grains.Interfaces.Ingress;
using Visco.MqttFrontDoor;
using Visco.Runtime.Abstractions;
using Visco.Runtime.Hosting;
using Visco.Runtime.Storage.Memory;

namespace Visco.Mqtt.Bench;

/// <summary>Our front door as its own process: device mode with the bench directory and a no-op handler, sessions in a runtime silo.</summary>
internal static class BenchServer
{
    public static async Task RunAsync(int port, MqttFrontDoorMode mode, int connectTimeoutSeconds, bool inlineScheduling)
    {
        await using var silo = new SiloHost(new MemoryRuntimeStore(), [MqttFrontDoorHostingExtensions.GrainAssembly]);
        await silo.StartAsync();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();

        // Off by default (the silo's own setting); on, socket completions run the read loop without a thread-pool hop.
        builder.WebHost.UseSockets(o => o.UnsafePreferInlineScheduling = inlineScheduling);
        builder.Services.AddSingleton<IGrainFactory>(silo.GrainFactory);
        builder.Services.AddSingleton<IDeviceDirectory, BenchDeviceDirectory>();
        builder.Services.AddSingleton<IDeviceMessageHandler, NoOpDeviceMessageHandler>();
        builder.AddMqttFrontDoor(o =>
        {
            o.Mode = mode;
            o.TcpPort = port;
            o.TlsPort = -1;
            o.MaxConnections = 50_000;
            o.PublishesPerSecond = 1_000_000;
            o.PublishBurst = 1_000_000;
            o.ConnectsPerMinutePerClientId = 1_000;
            o.ConnectTimeout = TimeSpan.FromSeconds(connectTimeoutSeconds);
        });
        await using var app = builder.Build();
        await app.StartAsync();
        Console.WriteLine($"listening {port} ({mode} mode)");
        await app.WaitForShutdownAsync();
    }
}
