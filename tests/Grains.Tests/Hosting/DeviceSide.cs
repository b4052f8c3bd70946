using System.Text;
using Visco.Grains.Interfaces.Ingress;

namespace Visco.Grains.Tests.Hosting;

/// <summary>What an analyser sends about commands, as the front door hands it to the domain (shapes of src/Firmware).</summary>
public static class DeviceSide
{
    /// <summary>The firmware's reply body: <c>{"v":1,"commandId","status","reason"}</c>.</summary>
    public static byte[] Reply(string commandId, string status, string? reason = null) =>
        Encoding.UTF8.GetBytes(
            $"{{\"v\":1,\"commandId\":\"{commandId}\",\"status\":\"{status}\",\"reason\":{(reason is null ? "null" : $"\"{reason}\"")}}}");

    /// <summary>Connects the device: the front door marks it live and notifies the domain.</summary>
    public static async Task ConnectAsync(DomainSilo silo, string hospitalId, string deviceId)
    {
        silo.Connections.Online[deviceId] = true;
        await silo.Handler.ConnectionChangedAsync(deviceId, hospitalId, online: true, reason: null);
    }

    /// <summary>Disconnects the device.</summary>
    public static async Task DisconnectAsync(DomainSilo silo, string hospitalId, string deviceId)
    {
        silo.Connections.Online.TryRemove(deviceId, out _);
        await silo.Handler.ConnectionChangedAsync(deviceId, hospitalId, online: false, reason: "gone");
    }

    /// <summary>Publishes a reply on <c>devices/{id}/commands/{commandId}/reply</c>.</summary>
    public static Task<DeviceMessageResult> ReplyAsync(DomainSilo silo, string hospitalId, string deviceId, string commandId, byte[] payload) =>
        silo.Handler.HandleAsync(new DeviceMessage(deviceId, hospitalId, DeviceMessageKind.CommandReply, commandId, payload, silo.Time.GetUtcNow(), 5));

    /// <summary>Publishes a state report with a configuration version, as the firmware does after connecting and after a command.</summary>
    public static Task<DeviceMessageResult> ReportStateAsync(DomainSilo silo, string hospitalId, string deviceId, long? configurationVersion) =>
        silo.Handler.HandleAsync(new DeviceMessage(
            deviceId, hospitalId, DeviceMessageKind.State, null,
            Encoding.UTF8.GetBytes(configurationVersion is { } v
                ? $"{{\"v\":1,\"status\":\"online\",\"firmware\":\"2.4.1\",\"configurationVersion\":{v}}}"
                : "{\"v\":1,\"status\":\"online\",\"firmware\":\"2.4.1\"}"),
            silo.Time.GetUtcNow(), 5));
}
