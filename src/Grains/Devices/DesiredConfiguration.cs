namespace Visco.Grains.Devices;

/// <summary>A device's desired configuration as stored.</summary>
/// <param name="Version">Its version (1, 2, ...; strictly increasing per device).</param>
/// <param name="SettingsJson">The settings object, compact UTF-8 JSON as sent to the device.</param>
/// <param name="SetBy">Who set it.</param>
/// <param name="SetAt">When (UTC).</param>
/// <param name="CommandId">The set-configuration command that carries it.</param>
public sealed record DesiredConfiguration(long Version, string SettingsJson, string SetBy, DateTimeOffset SetAt, string CommandId);
