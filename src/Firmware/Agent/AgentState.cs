using System.Text.Json;

namespace Visco.Firmware.Agent;

/// <summary>What the agent must remember across reboots besides the queue: firmware and configuration.</summary>
/// <param name="FirmwareVersion">The running firmware version (null: the configured one).</param>
/// <param name="FirmwareImage">The path of the active firmware image, after an update.</param>
/// <param name="ConfigurationVersion">The version of the last configuration applied (0: none).</param>
/// <param name="Settings">The settings of that configuration, as received.</param>
/// <param name="SessionEstablished">
/// Whether this agent has connected with a persistent session before. Until it has (a new or wiped analyser) it connects
/// with clean start, so a session the broker still keeps for its id (the previous board's, the wiped one's) is
/// discarded instead of handed to it.
/// </param>
public sealed record AgentState(string? FirmwareVersion, string? FirmwareImage, long ConfigurationVersion, JsonElement? Settings, bool SessionEstablished = false)
{
    /// <summary>The state of a fresh analyser.</summary>
    public static AgentState Initial { get; } = new(null, null, 0, null);
}
