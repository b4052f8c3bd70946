using System.Buffers;
using System.Text.Json;
using Visco.Grains.Interfaces.Fleet;
using Visco.Grains.Interfaces.Ingress;

namespace Visco.Grains.Devices;

/// <summary>
/// Commands on the wire, as the firmware reads them (<c>src/Firmware/Messages/DeviceCommand.cs</c>):
/// <c>{"v":1,"commandId","type","deviceId", ...}</c> on <c>devices/{id}/commands</c> at QoS 1, with
/// <c>version, url, sha256</c> for firmware-update and <c>version, settings</c> for set-configuration.
/// </summary>
internal static class CommandMessages
{
    /// <summary>The command topic of a device.</summary>
    public static string Topic(string deviceId) => $"devices/{deviceId}/commands";

    /// <summary>The message for a command; <paramref name="settingsJson"/> is the settings object of a set-configuration.</summary>
    public static OutboundMessage Build(string deviceId, DeviceCommandRecord command, string? settingsJson)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteNumber("v"u8, 1);
            json.WriteString("commandId"u8, command.CommandId);
            json.WriteString("type"u8, command.Type.ToWireName());
            json.WriteString("deviceId"u8, deviceId);
            switch (command.Type)
            {
                case DeviceCommandType.FirmwareUpdate:
                    json.WriteString("version"u8, command.FirmwareVersion);
                    json.WriteString("url"u8, command.FirmwareUrl);
                    json.WriteString("sha256"u8, command.FirmwareSha256);
                    break;
                case DeviceCommandType.SetConfiguration:
                    json.WriteNumber("version"u8, command.ConfigurationVersion ?? 0);
                    json.WritePropertyName("settings"u8);
                    json.WriteRawValue(settingsJson ?? "{}", skipInputValidation: true);
                    break;
            }

            json.WriteEndObject();
        }

        return new OutboundMessage(Topic(deviceId), buffer.WrittenMemory.ToArray(), QualityOfService: 1);
    }
}
