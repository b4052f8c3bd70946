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
public sealed record DeviceDetail(
    string DeviceId,
    string HospitalId,
    DeviceStatus Status,
    bool Online,
    DateTimeOffset? LastSeen,
    string? Firmware,
    string? ConfigurationVersion,
    long MeasurementCount,
    StoredResult? LastResult);
