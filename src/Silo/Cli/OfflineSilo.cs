using System.Text.Json;
using Visco.Grains.Fleet;
using Visco.Grains.Hosting;
using Visco.Grains.Interfaces.Hospitals;
using Visco.Grains.Interfaces.Ingress;
using Visco.MqttFrontDoor;
using Visco.MqttFrontDoor.Connections;
using Visco.Runtime.Abstractions;
using Visco.Silo.Hosting;

namespace Visco.Silo.Cli;

/// <summary>
/// The silo's runtime and domain grains hosted for one administrative job on the data directory, without listeners or
/// the model bootstrap; the front door's stored sessions and retained messages are reached through
/// <see cref="OfflineDeviceConnections"/>. Run such verbs while the silo is stopped: a running silo takes the same work through the API.
/// </summary>
internal static class OfflineSilo
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    /// <summary>Starts the runtime on the data directory, runs the job with its services and grains, stops gracefully.</summary>
    public static async Task RunAsync(string dataDirectory, Func<IServiceProvider, IGrainFactory, Task> job, CancellationToken cancellationToken)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration["Visco:DataDirectory"] = dataDirectory;
        builder.AddViscoRuntime();
        builder.AddGrains(ViscoGrains.Assembly);
        var grainsOptions = new GrainsOptions();
        builder.Configuration.GetSection("Visco:Grains").Bind(grainsOptions);
        builder.Services.AddViscoGrainServices(grainsOptions, builder.DataDirectory());

        // No MQTT listener here, but the front door's stored state is the silo's: sessions a verb ends (revoke,
        // re-provision) and retained messages it clears are those the running silo would load.
        builder.AddGrains(MqttFrontDoorHostingExtensions.GrainAssembly);
        builder.Services.AddSingleton<IDeviceConnections>(sp =>
            new OfflineDeviceConnections(sp.GetRequiredService<IGrainFactory>(), sp.GetService<TimeProvider>() ?? TimeProvider.System));
        using var host = builder.Build();
        await host.StartAsync(cancellationToken);
        try
        {
            await job(host.Services, host.Services.GetRequiredService<IGrainFactory>());
        }
        finally
        {
            await host.StopAsync(CancellationToken.None);
        }
    }

    /// <summary>Creates the hospital unless it exists.</summary>
    public static async Task EnsureHospitalAsync(DeviceRegistrar registrar, IGrainFactory grains, string hospitalId, CancellationToken cancellationToken)
    {
        if (await grains.GetGrain<IHospitalGrain>(hospitalId).GetInfo(cancellationToken) is null)
        {
            await registrar.CreateHospitalAsync(hospitalId, hospitalId, cancellationToken);
        }
    }

    /// <summary>Writes a secret-bearing JSON file readable by its owner only, in a folder only its owner can list.</summary>
    public static async Task WriteSecretFileAsync<T>(string folder, string name, T content, CancellationToken cancellationToken)
    {
        var directory = Directory.CreateDirectory(folder);
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            directory.UnixFileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        await using var file = new FileStream(Path.Combine(folder, name), options);
        await JsonSerializer.SerializeAsync(file, content, Json, cancellationToken);
    }
}
