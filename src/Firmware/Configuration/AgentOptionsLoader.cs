using System.Text.Json;
using System.Text.Json.Serialization;

namespace Visco.Firmware.Configuration;

/// <summary>Reads and validates the agent's JSON configuration file.</summary>
public static class AgentOptionsLoader
{
    /// <summary>The JSON conventions of the configuration file and the credentials folder.</summary>
    public static JsonSerializerOptions JsonOptions { get; } = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        WriteIndented = true,
    };

    /// <summary>Loads <paramref name="path"/>; relative paths inside it are resolved against the file's folder.</summary>
    /// <exception cref="AgentConfigurationException">The file is missing, is not valid JSON, or a setting is invalid.</exception>
    public static AgentOptions Load(string path)
    {
        AgentOptions? options;
        try
        {
            using var stream = File.OpenRead(path);
            options = JsonSerializer.Deserialize<AgentOptions>(stream, JsonOptions);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new AgentConfigurationException($"cannot read the configuration file {path}: {exception.Message}", exception);
        }
        catch (JsonException exception)
        {
            throw new AgentConfigurationException(
                $"the configuration file {path} is not valid: {exception.Message} (line {exception.LineNumber + 1})", exception);
        }

        if (options is null)
        {
            throw new AgentConfigurationException($"the configuration file {path} is empty; it must hold a JSON object.");
        }

        var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        options.StateDirectory = Resolve(folder, options.StateDirectory)!;
        options.Broker.CaCertificateFile = Resolve(folder, options.Broker.CaCertificateFile);
        options.Authentication.CertificateFile = Resolve(folder, options.Authentication.CertificateFile);
        options.Authentication.PrivateKeyFile = Resolve(folder, options.Authentication.PrivateKeyFile);
        options.Validate();
        return options;
    }

    private static string? Resolve(string folder, string? path) =>
        string.IsNullOrEmpty(path) ? path : Path.GetFullPath(path, folder);
}
