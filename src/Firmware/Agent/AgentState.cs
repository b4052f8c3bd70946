using System.Text.Json;

namespace Visco.Firmware.Agent;

/// <summary>What the agent must remember across reboots besides the queue: firmware and configuration.</summary>
/// <param name="FirmwareVersion">The running firmware version (null: the configured one).</param>
/// <param name="FirmwareImage">The path of the active firmware image, after an update.</param>
/// <param name="ConfigurationVersion">The version of the last configuration applied (0: none).</param>
/// <param name="Settings">The settings of that configuration, as received.</param>
public sealed record AgentState(string? FirmwareVersion, string? FirmwareImage, long ConfigurationVersion, JsonElement? Settings)
{
    /// <summary>The state of a fresh analyser.</summary>
    public static AgentState Initial { get; } = new(null, null, 0, null);
}
