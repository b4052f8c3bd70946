using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Visco.Grains.Interfaces.Ingress;

namespace Visco.Api.Tests.Hosting;

/// <summary>What a device sends back about commands, handed to the domain the way the MQTT front door does.</summary>
public static class DeviceReplies
{
    /// <summary>A command reply, as the firmware writes it, on <c>devices/{id}/commands/{commandId}/reply</c>.</summary>
    public static Task<DeviceMessageResult> ReplyAsync(ApiHost host, string hospitalId, string deviceId, string commandId, string status) =>
        Handler(host).HandleAsync(new DeviceMessage(
            deviceId, hospitalId, DeviceMessageKind.CommandReply, commandId,
            Encoding.UTF8.GetBytes($"{{\"v\":1,\"commandId\":\"{commandId}\",\"status\":\"{status}\",\"reason\":null}}"),
            DateTimeOffset.UtcNow, 5));

    /// <summary>A state report carrying a configuration version.</summary>
    public static Task<DeviceMessageResult> ReportConfigurationAsync(ApiHost host, string hospitalId, string deviceId, long version) =>
        Handler(host).HandleAsync(new DeviceMessage(
            deviceId, hospitalId, DeviceMessageKind.State, null,
            Encoding.UTF8.GetBytes($"{{\"v\":1,\"status\":\"online\",\"firmware\":\"2.4.1\",\"configurationVersion\":{version}}}"),
            DateTimeOffset.UtcNow, 5));

    private static IDeviceMessageHandler Handler(ApiHost host) => host.Services.GetRequiredService<IDeviceMessageHandler>();
}
