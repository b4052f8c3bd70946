using System.Text.Json;

namespace Visco.E2E.Bench;

/// <summary>One <c>{deviceId}.json</c> of the credentials folder the silo's register-devices verb writes.</summary>
internal sealed record DeviceCredential(string DeviceId, string HospitalId, string Secret)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static IReadOnlyList<DeviceCredential> ReadFolder(string folder) =>
        [.. Directory.EnumerateFiles(folder, "*.json")
            .Select(file => JsonSerializer.Deserialize<DeviceCredential>(File.ReadAllBytes(file), Json)
                ?? throw new InvalidDataException($"{file} is not a device credential"))
            .OrderBy(c => c.DeviceId, StringComparer.Ordinal)];
}
