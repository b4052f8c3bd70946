namespace Visco.Grains.Interfaces.Fleet;

/// <summary>A command issued to a device and what became of it.</summary>
/// <param name="CommandId">Server-generated, topic-safe id (the reply topic names it).</param>
/// <param name="Sequence">Per-device issue order (1, 2, ...); commands are delivered in this order.</param>
/// <param name="Type">What it asks.</param>
/// <param name="IssuedBy">Who issued it.</param>
/// <param name="IssuedAt">When (UTC).</param>
/// <param name="Status">Where it is.</param>
/// <param name="Reason">The device's reason for its reply, or why the command was cancelled or expired.</param>
/// <param name="SentAt">When it was last published to the device; null while never sent.</param>
/// <param name="RepliedAt">When the device's reply arrived.</param>
/// <param name="ConfigurationVersion">For set-configuration, the desired configuration version it carries.</param>
/// <param name="FirmwareVersion">For firmware-update, the image version.</param>
/// <param name="FirmwareUrl">For firmware-update, the image URL.</param>
/// <param name="FirmwareSha256">For firmware-update, the image's SHA-256 (lower-case hex).</param>
public sealed record DeviceCommandRecord(
    string CommandId,
    long Sequence,
    DeviceCommandType Type,
    string IssuedBy,
    DateTimeOffset IssuedAt,
    DeviceCommandStatus Status,
    string? Reason = null,
    DateTimeOffset? SentAt = null,
    DateTimeOffset? RepliedAt = null,
    long? ConfigurationVersion = null,
    string? FirmwareVersion = null,
    string? FirmwareUrl = null,
    string? FirmwareSha256 = null)
{
    /// <summary>Whether the command still waits for an answer (queued or sent).</summary>
    public bool IsOpen => Status is DeviceCommandStatus.Queued or DeviceCommandStatus.Sent;
}
