using System.Text.Json;

namespace Visco.Firmware.Messages;

/// <summary>A command from <c>devices/{id}/commands</c>: <c>{v, commandId, type, ...}</c>, the rest in <see cref="Body"/>.</summary>
/// <param name="CommandId">The id the reply names.</param>
/// <param name="Type">set-configuration, firmware-update, reboot, locate or wipe.</param>
/// <param name="DeviceId">The addressed device when the command names one.</param>
/// <param name="Body">The whole command object, for the fields of its type.</param>
public sealed record DeviceCommand(string CommandId, string Type, string? DeviceId, JsonElement Body)
{
    /// <summary>Longest command id accepted (it becomes a topic level of the reply).</summary>
    public const int MaxCommandIdLength = 128;

    /// <summary>Parses a command. On failure <paramref name="error"/> says why and <paramref name="commandId"/> is set when readable.</summary>
    public static bool TryParse(ReadOnlyMemory<byte> payload, out DeviceCommand? command, out string? commandId, out string? error)
    {
        command = null;
        commandId = null;
        JsonElement root;
        try
        {
            using var document = JsonDocument.Parse(payload, new JsonDocumentOptions { MaxDepth = 16 });
            root = document.RootElement.Clone();
        }
        catch (JsonException exception)
        {
            error = $"not valid JSON: {exception.Message}";
            return false;
        }

        if (root.ValueKind != JsonValueKind.Object)
        {
            error = "the command is not a JSON object";
            return false;
        }

        commandId = Text(root, "commandId");
        if (commandId is not null && (commandId.Length is 0 or > MaxCommandIdLength || commandId.IndexOfAny(['/', '+', '#']) >= 0))
        {
            // Never echo an id that would put the reply on another topic.
            commandId = null;
            error = "commandId must be 1-128 characters without '/', '+' or '#'";
            return false;
        }

        if (!root.TryGetProperty("v", out var version) || version.ValueKind != JsonValueKind.Number || !version.TryGetInt32(out var v) || v != 1)
        {
            error = "schema version \"v\" must be 1";
            return false;
        }

        var type = Text(root, "type");
        if (commandId is null || type is null)
        {
            error = commandId is null ? "missing commandId" : "missing type";
            return false;
        }

        error = null;
        command = new DeviceCommand(commandId, type, Text(root, "deviceId"), root);
        return true;
    }

    /// <summary>A string field of the body, or null.</summary>
    public string? GetString(string name) => Text(Body, name);

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
