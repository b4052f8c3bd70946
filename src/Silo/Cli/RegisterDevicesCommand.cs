using System.CommandLine;
using System.Text.Json;
using Visco.Grains.Fleet;
using Visco.Grains.Hosting;
using Visco.Grains.Interfaces.Hospitals;
using Visco.Runtime.Abstractions;
using Visco.Silo.Hosting;

namespace Visco.Silo.Cli;

/// <summary>
/// <c>register-devices</c>: registers a hospital and devices in the silo's store and writes each device's credentials
/// to a folder, one <c>{deviceId}.json</c> per device in the format the analyser agent reads (src/Firmware/README.md).
/// It hosts the silo's runtime itself, so run it while the silo is stopped (a running silo registers through the API).
/// </summary>
internal static class RegisterDevicesCommand
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static Command Create()
    {
        var data = CommonOptions.DataDirectory();
        var hospital = new Option<string>("--hospital") { Description = "The hospital id (created if new).", Required = true };
        var count = new Option<int>("--count") { Description = "How many devices.", DefaultValueFactory = _ => 1 };
        var prefix = new Option<string?>("--prefix") { Description = "Device id prefix (default '<hospital>-analyser-')." };
        var output = new Option<DirectoryInfo?>("--out") { Description = "Where to write credentials (default <data>/credentials)." };
        var command = new Command("register-devices", "Register a hospital and devices; write their one-time credentials to a folder.")
        {
            data, hospital, count, prefix, output,
        };
        command.SetAction(async (result, cancellationToken) =>
        {
            var hospitalId = result.GetValue(hospital)!;
            var dataDirectory = result.GetValue(data)!.FullName;
            var folder = result.GetValue(output)?.FullName ?? Path.Combine(dataDirectory, "credentials");
            var devices = Enumerable.Range(1, Math.Max(1, result.GetValue(count)))
                .Select(i => $"{result.GetValue(prefix) ?? hospitalId + "-analyser-"}{i:D3}")
                .ToList();
            await RegisterAsync(dataDirectory, hospitalId, devices, folder, cancellationToken);
            Console.WriteLine($"Registered {devices.Count} device(s) of hospital {hospitalId}; credentials in {folder}.");
            return 0;
        });
        return command;
    }

    private static async Task RegisterAsync(
        string dataDirectory, string hospitalId, IReadOnlyList<string> deviceIds, string folder, CancellationToken cancellationToken)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration["Visco:DataDirectory"] = dataDirectory;
        builder.AddViscoRuntime();
        builder.AddGrains(ViscoGrains.Assembly);
        var grainsOptions = new GrainsOptions();
        builder.Configuration.GetSection("Visco:Grains").Bind(grainsOptions);
        builder.Services.AddViscoGrainServices(grainsOptions, builder.DataDirectory());
        using var host = builder.Build();
        await host.StartAsync(cancellationToken);
        try
        {
            var grains = host.Services.GetRequiredService<IGrainFactory>();
            var registrar = host.Services.GetRequiredService<DeviceRegistrar>();
            if (await grains.GetGrain<IHospitalGrain>(hospitalId).GetInfo(cancellationToken) is null)
            {
                await registrar.CreateHospitalAsync(hospitalId, hospitalId, cancellationToken);
            }

            var directory = Directory.CreateDirectory(folder);
            if (!OperatingSystem.IsWindows())
            {
                directory.UnixFileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
            }

            foreach (var deviceId in deviceIds)
            {
                var credentials = await registrar.RegisterDeviceAsync(hospitalId, deviceId, cancellationToken: cancellationToken);
                var path = Path.Combine(folder, $"{deviceId}.json");
                var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
                if (!OperatingSystem.IsWindows())
                {
                    options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
                }

                await using var file = new FileStream(path, options);
                await JsonSerializer.SerializeAsync(
                    file, new { credentials.DeviceId, credentials.HospitalId, credentials.Secret }, Json, cancellationToken);
            }
        }
        finally
        {
            await host.StopAsync(CancellationToken.None);
        }
    }
}
