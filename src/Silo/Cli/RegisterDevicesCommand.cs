using System.CommandLine;
using Visco.Grains.Fleet;

namespace Visco.Silo.Cli;

/// <summary>
/// <c>register-devices</c>: registers a hospital and devices in the silo's store and writes each device's credentials
/// to a folder, one <c>{deviceId}.json</c> per device in the format the analyser agent reads (src/Firmware/README.md).
/// With <c>--provisioning</c> devices get no secret and wait for a certificate by claim (see <c>create-claim</c>).
/// </summary>
internal static class RegisterDevicesCommand
{
    public static Command Create()
    {
        var data = CommonOptions.DataDirectory();
        var hospital = new Option<string>("--hospital") { Description = "The hospital id (created if new).", Required = true };
        var count = new Option<int>("--count") { Description = "How many devices.", DefaultValueFactory = _ => 1 };
        var prefix = new Option<string?>("--prefix") { Description = "Device id prefix (default '<hospital>-analyser-')." };
        var output = new Option<DirectoryInfo?>("--out") { Description = "Where to write credentials (default <data>/credentials)." };
        var provisioning = new Option<bool>("--provisioning") { Description = "No secret: the devices provision a certificate by claim." };
        var command = new Command("register-devices", "Register a hospital and devices; write their one-time credentials to a folder (run while the silo is stopped).")
        {
            data, hospital, count, prefix, output, provisioning,
        };
        command.SetAction(async (result, cancellationToken) =>
        {
            var hospitalId = result.GetValue(hospital)!;
            var dataDirectory = result.GetValue(data)!.FullName;
            var folder = result.GetValue(output)?.FullName ?? Path.Combine(dataDirectory, "credentials");
            var devices = Enumerable.Range(1, Math.Max(1, result.GetValue(count)))
                .Select(i => $"{result.GetValue(prefix) ?? hospitalId + "-analyser-"}{i:D3}")
                .ToList();
            await OfflineSilo.RunAsync(dataDirectory, async (services, grains) =>
            {
                var registrar = services.GetRequiredService<DeviceRegistrar>();
                await OfflineSilo.EnsureHospitalAsync(registrar, grains, hospitalId, cancellationToken);
                foreach (var deviceId in devices)
                {
                    var credentials = await registrar.RegisterDeviceAsync(
                        hospitalId, deviceId, withSecret: !result.GetValue(provisioning), cancellationToken: cancellationToken);
                    await OfflineSilo.WriteSecretFileAsync(
                        folder, $"{deviceId}.json", new { credentials.DeviceId, credentials.HospitalId, credentials.Secret }, cancellationToken);
                }
            }, cancellationToken);
            Console.WriteLine($"Registered {devices.Count} device(s) of hospital {hospitalId}; credentials in {folder}.");
            return 0;
        });
        return command;
    }
}
