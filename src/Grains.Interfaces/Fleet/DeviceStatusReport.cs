using Visco.Grains.Interfaces.Devices;

namespace Visco.Grains.Interfaces.Fleet;

/// <summary>A device's status as operators see it.</summary>
/// <param name="DeviceId">The device.</param>
/// <param name="HospitalId">Its hospital.</param>
/// <param name="Status">Provisioning, active or revoked.</param>
/// <param name="Online">Whether it has a live connection.</param>
/// <param name="LastSeen">When it last connected, disconnected or published; null if never.</param>
/// <param name="Firmware">The firmware it last reported.</param>
/// <param name="ConfigurationVersion">The configuration version it last reported.</param>
/// <param name="MeasurementCount">Measurements accepted from it.</param>
/// <param name="PendingCommands">Commands queued or sent and not yet answered.</param>
/// <param name="DesiredConfigurationVersion">The desired configuration version; null when none was set.</param>
/// <param name="ReportedConfigurationVersion">The configuration version it reported, as a number; null if never.</param>
public sealed record DeviceStatusReport(
    string DeviceId,
    string HospitalId,
    DeviceStatus Status,
    bool Online,
    DateTimeOffset? LastSeen,
    string? Firmware,
    string? ConfigurationVersion,
    long MeasurementCount,
    int PendingCommands = 0,
    long? DesiredConfigurationVersion = null,
    long? ReportedConfigurationVersion = null);
