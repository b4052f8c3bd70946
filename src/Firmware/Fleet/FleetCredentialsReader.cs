using System.Text.Json;
using Visco.Firmware.Configuration;

namespace Visco.Firmware.Fleet;

/// <summary>Reads the credentials folder (format in the README): every <c>*.json</c> file is one device.</summary>
public static class FleetCredentialsReader
{
    /// <summary>Reads every device of <paramref name="folder"/>, sorted by device id.</summary>
    /// <exception cref="AgentConfigurationException">The folder is missing or a file is not a valid credential.</exception>
    public static IReadOnlyList<FleetCredential> Read(string folder)
    {
        if (!Directory.Exists(folder))
        {
            throw new AgentConfigurationException($"the credentials folder {folder} does not exist; register devices with the silo first");
        }

        var list = new List<FleetCredential>();
        foreach (var file in Directory.EnumerateFiles(folder, "*.json"))
        {
            FleetCredential? credential;
            try
            {
                credential = JsonSerializer.Deserialize<FleetCredential>(File.ReadAllBytes(file), AgentOptionsLoader.JsonOptions);
            }
            catch (JsonException exception)
            {
                throw new AgentConfigurationException($"{file} is not a device credential: {exception.Message}", exception);
            }

            if (credential is null || string.IsNullOrEmpty(credential.DeviceId)
                || (credential.Secret is null && (credential.CertificatePem is null || credential.PrivateKeyPem is null)))
            {
                throw new AgentConfigurationException($"{file} needs deviceId and either secret or certificatePem + privateKeyPem");
            }

            list.Add(credential);
        }

        list.Sort((a, b) => string.CompareOrdinal(a.DeviceId, b.DeviceId));
        return list;
    }
}
