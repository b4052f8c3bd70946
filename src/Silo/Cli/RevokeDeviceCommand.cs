using System.CommandLine;
using Visco.Grains.Fleet;
using Visco.Grains.Interfaces.Devices;

namespace Visco.Silo.Cli;

/// <summary>
/// <c>revoke-device</c>: revokes a device for good (stolen, decommissioned): its secret and certificates stop
/// authenticating, open commands are cancelled and its stored MQTT session (subscriptions, queued messages) is ended.
/// The operator's way when no API token is at hand; a running silo takes the same through
/// <c>POST /api/v1/hospitals/{h}/devices/{d}/revoke</c>.
/// </summary>
internal static class RevokeDeviceCommand
{
    public static Command Create()
    {
        var data = CommonOptions.DataDirectory();
        var device = DeviceVerb.Device();
        var reason = DeviceVerb.Reason();
        var command = new Command(
            "revoke-device",
            $"Revoke a device for good: refused at every connect, its MQTT session ended (run while the silo is stopped). {DeviceVerb.ExitCodes}")
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
                    return (DeviceVerb.Done, $"Device {deviceId} of hospital {record.HospitalId} was already revoked.");
                }

                await services.GetRequiredService<DeviceRegistrar>().RevokeDeviceAsync(deviceId, result.GetValue(reason)!, "silo revoke-device", token);
                return (DeviceVerb.Done, $"Device {deviceId} of hospital {record.HospitalId} revoked; its MQTT session was ended.");
            }, cancellationToken);
        });
        return command;
    }
}
