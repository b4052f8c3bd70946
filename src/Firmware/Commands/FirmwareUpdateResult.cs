using Visco.Firmware.Messages;

namespace Visco.Firmware.Commands;

/// <summary>What a firmware installation achieved.</summary>
/// <param name="Status">Applied (image staged and verified), refused (bad command or hash) or failed (download).</param>
/// <param name="Reason">Why it was refused or failed.</param>
/// <param name="Version">The version installed.</param>
/// <param name="ImagePath">The verified image, ready to switch to.</param>
public sealed record FirmwareUpdateResult(CommandStatus Status, string? Reason, string? Version, string? ImagePath);
