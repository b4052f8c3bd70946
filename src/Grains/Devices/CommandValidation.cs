using System.Text;
using System.Text.Json;
using Visco.Grains.Interfaces.Fleet;

namespace Visco.Grains.Devices;

/// <summary>
/// Checks a command or settings object before it is queued, with the rules the firmware applies, so a mistake is a
/// clear error for the caller now rather than a refusal from the device later.
/// </summary>
internal static class CommandValidation
{
    private static readonly string[] IntervalSettings = ["measurementIntervalSeconds", "stateIntervalSeconds"];

    /// <summary>Throws <see cref="InvalidDeviceCommandException"/> unless the firmware-update fields are usable.</summary>
    public static (string Version, string Url, string Sha256) FirmwareUpdate(DeviceCommandRequest request)
    {
        var version = request.FirmwareVersion;
        if (string.IsNullOrEmpty(version) || version.Length > 64 || version.IndexOfAny(['/', '\\']) >= 0
            || version.Contains("..", StringComparison.Ordinal) || version.Any(char.IsWhiteSpace))
        {
            throw new InvalidDeviceCommandException("firmware-update needs \"version\": 1-64 characters without '/', '\\', '..' or spaces.");
        }

        if (!Uri.TryCreate(request.FirmwareUrl, UriKind.Absolute, out var url) || url.Scheme != Uri.UriSchemeHttps
            || request.FirmwareUrl!.Length > 2048)
        {
            throw new InvalidDeviceCommandException(
                "firmware-update needs an absolute https \"url\" (at most 2048 characters); images are never downloaded in the clear.");
        }

        var sha = request.FirmwareSha256;
        if (sha is not { Length: 64 } || !sha.All(char.IsAsciiHexDigit))
        {
            throw new InvalidDeviceCommandException("firmware-update needs \"sha256\": the image's SHA-256 as 64 hexadecimal digits.");
        }

        return (version, request.FirmwareUrl!, sha.ToLowerInvariant());
    }

    /// <summary>Throws <see cref="InvalidDeviceCommandException"/> unless the settings object can be sent; returns its compact JSON.</summary>
    public static string Settings(JsonElement settings)
    {
        if (settings.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidDeviceCommandException($"settings must be a JSON object, not {Describe(settings.ValueKind)}.");
        }

        if (Depth(settings) > CommandLimits.MaxSettingsDepth)
        {
            throw new InvalidDeviceCommandException($"settings nest deeper than {CommandLimits.MaxSettingsDepth} levels.");
        }

        foreach (var name in IntervalSettings)
        {
            if (settings.TryGetProperty(name, out var value)
                && (value.ValueKind != JsonValueKind.Number || !value.TryGetDouble(out var seconds) || seconds is < 0 or > 86_400))
            {
                throw new InvalidDeviceCommandException($"settings.{name} must be a number of seconds between 0 and 86400.");
            }
        }

        var json = JsonSerializer.Serialize(settings);
        var bytes = Encoding.UTF8.GetByteCount(json);
        if (bytes > CommandLimits.MaxSettingsBytes)
        {
            throw new InvalidDeviceCommandException($"settings are {bytes} bytes; the limit is {CommandLimits.MaxSettingsBytes}.");
        }

        return json;
    }

    private static int Depth(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => 1 + element.EnumerateObject().Select(p => Depth(p.Value)).DefaultIfEmpty(0).Max(),
        JsonValueKind.Array => 1 + element.EnumerateArray().Select(Depth).DefaultIfEmpty(0).Max(),
        _ => 0,
    };

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => "nothing",
    };
}
