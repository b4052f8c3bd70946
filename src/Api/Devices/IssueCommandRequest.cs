using System.Text.Json;

namespace Visco.Api.Devices;

/// <summary>Issues a command to a device.</summary>
/// <param name="Type">firmware-update, set-configuration, reboot, locate, wipe or renew-certificate.</param>
/// <param name="Version">firmware-update: the image's version.</param>
/// <param name="Url">firmware-update: where the image is (https only).</param>
/// <param name="Sha256">firmware-update: the image's SHA-256, 64 hexadecimal digits.</param>
/// <param name="Settings">set-configuration: the settings object (the same as <c>PUT .../configuration</c>).</param>
public sealed record IssueCommandRequest(string? Type, string? Version = null, string? Url = null, string? Sha256 = null, JsonElement? Settings = null);
