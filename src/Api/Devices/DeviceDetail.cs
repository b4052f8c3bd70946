using Visco.Grains.Interfaces.Devices;
using Visco.Grains.Interfaces.Results;

namespace Visco.Api.Devices;

/// <summary>A device as the API shows it.</summary>
/// <param name="DeviceId">The device.</param>
/// <param name="HospitalId">Its hospital.</param>
/// <param name="Status">Provisioning, active or revoked.</param>
/// <param name="Online">Whether it has a live connection.</param>
/// <param name="LastSeen">When it last connected, disconnected or published; null if never.</param>
/// <param name="Firmware">The firmware it last reported.</param>
/// <param name="ConfigurationVersion">The configuration version it last reported.</param>
/// <param name="MeasurementCount">Measurements accepted from it.</param>
/// <param name="LastResult">Its newest result, if any.</param>
/// <param name="PendingCommands">Commands queued or sent and not yet answered.</param>
/// <param name="DesiredConfigurationVersion">The desired configuration version; null when none was set.</param>
/// <param name="ReportedConfigurationVersion">The configuration version the device reported (or confirmed); null if never.</param>
/// <param name="ConfigurationAcknowledged">True when the device reported the desired version.</param>
public sealed record DeviceDetail(
    string DeviceId,
    string HospitalId,
    DeviceStatus Status,
    bool Online,
    DateTimeOffset? LastSeen,
    string? Firmware,
    string? ConfigurationVersion,
    long MeasurementCount,
    StoredResult? LastResult,
    int PendingCommands = 0,
    long? DesiredConfigurationVersion = null,
    long? ReportedConfigurationVersion = null,
    bool ConfigurationAcknowledged = false);
