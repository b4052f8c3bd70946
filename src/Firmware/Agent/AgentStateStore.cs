using System.Text.Json;
using Visco.Firmware.Configuration;

namespace Visco.Firmware.Agent;

/// <summary>Keeps <see cref="AgentState"/> in <c>{stateDirectory}/state.json</c>, written atomically with mode 0600.</summary>
public sealed class AgentStateStore(string stateDirectory)
{
    /// <summary>The state file.</summary>
    public string Path { get; } = System.IO.Path.Combine(stateDirectory, "state.json");

    /// <summary>Reads the state; a missing file is a fresh analyser.</summary>
    /// <exception cref="AgentConfigurationException">The file exists but cannot be read as state.</exception>
    public AgentState Load()
    {
        if (!File.Exists(Path))
        {
            return AgentState.Initial;
        }

        try
        {
            return JsonSerializer.Deserialize<AgentState>(File.ReadAllBytes(Path), AgentOptionsLoader.JsonOptions) ?? AgentState.Initial;
        }
        catch (JsonException exception)
        {
            throw new AgentConfigurationException($"the state file {Path} is damaged ({exception.Message}); restore it or delete it to start fresh", exception);
        }
    }

    /// <summary>Writes the state durably.</summary>
    public void Save(AgentState state)
    {
        SecureFiles.CreatePrivateDirectory(stateDirectory);
        SecureFiles.WriteAllBytes(Path, JsonSerializer.SerializeToUtf8Bytes(state, AgentOptionsLoader.JsonOptions));
    }

    /// <summary>Deletes the state (the wipe command).</summary>
    public void Delete() => File.Delete(Path);
}
