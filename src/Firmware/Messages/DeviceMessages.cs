using System.Buffers;
using System.Text.Json;

namespace Visco.Firmware.Messages;

/// <summary>Serialises what the agent publishes besides measurements: command replies and state reports.</summary>
public static class DeviceMessages
{
    /// <summary>The reply of <c>devices/{id}/commands/{commandId}/reply</c>: <c>{v, commandId, status, reason}</c>.</summary>
    public static byte[] Reply(string commandId, CommandStatus status, string? reason)
    {
        var buffer = new ArrayBufferWriter<byte>(128);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteNumber("v"u8, 1);
            json.WriteString("commandId"u8, commandId);
            json.WriteString("status"u8, status switch
            {
                CommandStatus.Applied => "applied",
                CommandStatus.Refused => "refused",
                _ => "failed",
            });
            if (reason is null)
            {
                json.WriteNull("reason"u8);
            }
            else
            {
                json.WriteString("reason"u8, reason);
            }

            json.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>The state report of <c>devices/{id}/state</c>; <paramref name="status"/> is "online" or "offline".</summary>
    public static byte[] State(string status, string? firmware, long? configurationVersion, int? queueDepth, DateTimeOffset? at)
    {
        var buffer = new ArrayBufferWriter<byte>(160);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteNumber("v"u8, 1);
            json.WriteString("status"u8, status);
            if (firmware is not null)
            {
                json.WriteString("firmware"u8, firmware);
            }

            if (configurationVersion is { } version)
            {
                json.WriteNumber("configurationVersion"u8, version);
            }

            if (queueDepth is { } depth)
            {
                json.WriteNumber("queueDepth"u8, depth);
            }

            if (at is { } time)
            {
                json.WriteString("at"u8, time.ToUniversalTime());
            }

            json.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }
}
