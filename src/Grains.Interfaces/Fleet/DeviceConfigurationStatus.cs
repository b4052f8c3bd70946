using System.Text.Json;

namespace Visco.Grains.Interfaces.Fleet;

/// <summary>A device's desired configuration against what it reported.</summary>
/// <param name="DesiredVersion">The version last set; null when none was ever set.</param>
/// <param name="Settings">The desired settings object; null when none was ever set.</param>
/// <param name="SetBy">Who set it.</param>
/// <param name="SetAt">When (UTC).</param>
/// <param name="ReportedVersion">The version the device last reported (state report or applied reply); null if never.</param>
/// <param name="Acknowledged">True when the device reported the desired version (or a newer one).</param>
/// <param name="CommandId">The set-configuration command that carries the desired version.</param>
/// <param name="CommandStatus">That command's status.</param>
/// <param name="CommandReason">That command's reason (e.g. why the device refused it).</param>
public sealed record DeviceConfigurationStatus(
    long? DesiredVersion,
    JsonElement? Settings,
    string? SetBy,
    DateTimeOffset? SetAt,
    long? ReportedVersion,
    bool Acknowledged,
    string? CommandId,
    DeviceCommandStatus? CommandStatus,
    string? CommandReason);
