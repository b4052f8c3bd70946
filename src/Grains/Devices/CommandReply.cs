using System.Text.Json;
using Visco.Grains.Interfaces.Fleet;

namespace Visco.Grains.Devices;

/// <summary>
/// A device's reply on <c>devices/{id}/commands/{commandId}/reply</c>, as the firmware writes it
/// (<c>src/Firmware/Messages/DeviceMessages.Reply</c>): <c>{"v":1,"commandId":"...","status":"applied|refused|failed","reason":...}</c>.
/// </summary>
/// <param name="Status">Applied, Refused or Failed.</param>
/// <param name="Reason">The device's reason, shortened to <see cref="CommandLimits.MaxReasonLength"/>; null if none.</param>
internal sealed record CommandReply(DeviceCommandStatus Status, string? Reason)
{
    /// <summary>Parses a reply to <paramref name="commandId"/>; on failure <paramref name="error"/> says why.</summary>
    public static bool TryParse(ReadOnlySpan<byte> payload, string commandId, out CommandReply? reply, out string? error)
    {
        reply = null;
        if (payload.Length > CommandLimits.MaxReplyBytes)
        {
            error = $"reply is {payload.Length} bytes; the limit is {CommandLimits.MaxReplyBytes}";
            return false;
        }

        try
        {
            var reader = new Utf8JsonReader(payload, new JsonReaderOptions { MaxDepth = 4 });
            using var document = JsonDocument.ParseValue(ref reader);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                error = "reply is not a JSON object";
                return false;
            }

            if (!root.TryGetProperty("v", out var v) || v.ValueKind != JsonValueKind.Number || !v.TryGetInt32(out var version) || version != 1)
            {
                error = "schema version \"v\" must be 1";
                return false;
            }

            if (root.TryGetProperty("commandId", out var id) && (id.ValueKind != JsonValueKind.String || id.GetString() != commandId))
            {
                error = "commandId in the reply does not match the reply topic";
                return false;
            }

            DeviceCommandStatus? status = root.TryGetProperty("status", out var s) && s.ValueKind == JsonValueKind.String
                ? s.GetString() switch
                {
                    "applied" => DeviceCommandStatus.Applied,
                    "refused" => DeviceCommandStatus.Refused,
                    "failed" => DeviceCommandStatus.Failed,
                    _ => null,
                }
                : null;
            if (status is null)
            {
                error = "status must be \"applied\", \"refused\" or \"failed\"";
                return false;
            }

            string? reason = null;
            if (root.TryGetProperty("reason", out var r) && r.ValueKind != JsonValueKind.Null)
            {
                if (r.ValueKind != JsonValueKind.String)
                {
                    error = "reason must be a string or null";
                    return false;
                }

                reason = r.GetString()!;
                reason = reason.Length > CommandLimits.MaxReasonLength ? reason[..CommandLimits.MaxReasonLength] : reason;
            }

            error = null;
            reply = new CommandReply(status.Value, reason);
            return true;
        }
        catch (JsonException exception)
        {
            error = $"invalid JSON at line {exception.LineNumber + 1}, byte {exception.BytePositionInLine + 1}";
            return false;
        }
    }
}
