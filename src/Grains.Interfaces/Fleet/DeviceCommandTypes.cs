namespace Visco.Grains.Interfaces.Fleet;

/// <summary>The wire names of <see cref="DeviceCommandType"/>, as the firmware reads them in a command's <c>type</c>.</summary>
public static class DeviceCommandTypes
{
    private static readonly Dictionary<string, DeviceCommandType> ByName = new(StringComparer.Ordinal)
    {
        ["firmware-update"] = DeviceCommandType.FirmwareUpdate,
        ["set-configuration"] = DeviceCommandType.SetConfiguration,
        ["reboot"] = DeviceCommandType.Reboot,
        ["locate"] = DeviceCommandType.Locate,
        ["wipe"] = DeviceCommandType.Wipe,
        ["renew-certificate"] = DeviceCommandType.RenewCertificate,
    };

    /// <summary>Every wire name, for error messages.</summary>
    public static IReadOnlyCollection<string> Names => ByName.Keys;

    /// <summary>The type a wire name stands for; false for anything else (names are case-sensitive).</summary>
    public static bool TryParse(string? name, out DeviceCommandType type) =>
        ByName.TryGetValue(name ?? string.Empty, out type);

    /// <summary>The wire name of a type.</summary>
    public static string ToWireName(this DeviceCommandType type) => type switch
    {
        DeviceCommandType.FirmwareUpdate => "firmware-update",
        DeviceCommandType.SetConfiguration => "set-configuration",
        DeviceCommandType.Reboot => "reboot",
        DeviceCommandType.Locate => "locate",
        DeviceCommandType.Wipe => "wipe",
        DeviceCommandType.RenewCertificate => "renew-certificate",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Unknown command type."),
    };
}
