using Visco.Firmware.Agent;
using Visco.Firmware.Messages;

namespace Visco.Firmware.Commands;

/// <summary>The result of carrying out a command: the reply's status and reason, and whether the agent stops after it.</summary>
/// <param name="Status">Applied, refused or failed.</param>
/// <param name="Reason">Why, for refusals and failures (null when applied).</param>
public sealed record CommandOutcome(CommandStatus Status, string? Reason)
{
    /// <summary>Set for reboot and wipe: the agent replies first, then stops with this reason.</summary>
    public AgentStopReason? StopWith { get; init; }

    /// <summary>Set after a certificate renewal: the agent replies first, then reconnects with the new certificate.</summary>
    public bool Reconnect { get; init; }
}
