namespace Visco.Grains.Interfaces.Fleet;

/// <summary>
/// A command to issue. <see cref="DeviceCommandType.FirmwareUpdate"/> needs <see cref="FirmwareVersion"/>, an https
/// <see cref="FirmwareUrl"/> and a 64-hex-digit <see cref="FirmwareSha256"/>; set-configuration goes through
/// <see cref="IDeviceGrain.SetDesiredConfiguration"/> instead (it carries a version); the others take no fields.
/// </summary>
/// <param name="Type">What to do.</param>
/// <param name="IssuedBy">Who asked, for the record and the audit.</param>
/// <param name="FirmwareVersion">The image's version (firmware-update).</param>
/// <param name="FirmwareUrl">Where the image is, https only (firmware-update).</param>
/// <param name="FirmwareSha256">The image's SHA-256, hex (firmware-update).</param>
public sealed record DeviceCommandRequest(
    DeviceCommandType Type,
    string IssuedBy,
    string? FirmwareVersion = null,
    string? FirmwareUrl = null,
    string? FirmwareSha256 = null);
