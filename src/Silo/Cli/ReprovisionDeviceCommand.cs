using System.CommandLine;
using Visco.Grains.Fleet;
using Visco.Grains.Interfaces.Devices;
using Visco.Grains.Interfaces.Fleet;

namespace Visco.Silo.Cli;

/// <summary>
/// <c>reprovision-device</c>: for an analyser wiped, with its board replaced or its key suspected stolen: every
/// certificate and its secret stop authenticating, its MQTT session (with what was queued for the old holder) is
/// ended, and it waits in Provisioning for its hospital's claim. A revoked device stays revoked. The running silo's
/// equivalent is <c>POST /api/v1/hospitals/{h}/devices/{d}/reprovision</c>.
/// </summary>
internal static class ReprovisionDeviceCommand
{
    public static Command Create()
    {
        var data = CommonOptions.DataDirectory();
        var device = DeviceVerb.Device();
        var reason = DeviceVerb.Reason();
        var command = new Command(
            "reprovision-device",
            $"Retire a device's certificates and secret and end its MQTT session; its hospital's claim may provision it again (run while the silo is stopped). {DeviceVerb.ExitCodes}")
        {
            data, device, reason,
        };
        command.SetAction((result, cancellationToken) =>
        {
            var deviceId = result.GetValue(device)!;
            return DeviceVerb.RunAsync(result.GetValue(data)!.FullName, deviceId, result.GetValue(reason), async (services, record, token) =>
            {
                if (record.Status == DeviceStatus.Revoked)
                {
                    return (DeviceVerb.Refused, Revoked(deviceId));
                }

                try
                {
                    var done = await services.GetRequiredService<DeviceRegistrar>()
                        .ReprovisionDeviceAsync(deviceId, result.GetValue(reason)!, "silo reprovision-device", token);
                    return (DeviceVerb.Done,
                        $"Device {deviceId} of hospital {done.HospitalId} re-provisioned: {done.RetiredThumbprints.Count} certificate(s) retired, "
                        + $"secret {(done.SecretCleared ? "cleared" : "none")}, {done.CancelledCommands} open command(s) cancelled, MQTT session ended. "
                        + $"Status {done.Status}: a claim of hospital {done.HospitalId} may provision it again.");
                }
                catch (DeviceRevokedException)
                {
                    // Revoked between the check and the call.
                    return (DeviceVerb.Refused, Revoked(deviceId));
                }
            }, cancellationToken);
        });
        return command;
    }

    private static string Revoked(string deviceId) =>
        $"Device {deviceId} is revoked, which is final: it cannot be re-provisioned; register a new device instead.";
}
