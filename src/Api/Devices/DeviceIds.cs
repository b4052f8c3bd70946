using System.Security.Cryptography;

namespace Visco.Api.Devices;

/// <summary>Device id rules and new secrets.</summary>
internal static class DeviceIds
{
    /// <summary>Ids appear in MQTT topics and lake paths: no wildcards, separators or whitespace.</summary>
    public static bool IsValid(string? id) =>
        id is { Length: > 0 and <= 64 } && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');

    /// <summary>A new secret: 256 random bits, base64url without padding.</summary>
    public static string NewSecret() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))
        .TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
