using Visco.Grains.Interfaces.Devices;
using Visco.Runtime.Abstractions;

namespace Visco.Grains.Interfaces.Hospitals;

/// <summary>
/// One hospital, keyed by hospital id: its device roster, rolling statistics of the measurements stream and alerts
/// (a device whose invalid-sample rate jumps).
/// </summary>
[Alias("hospital")]
public interface IHospitalGrain : IGrainWithStringKey
{
    /// <summary>Creates the hospital; creating it again with the same name does nothing.</summary>
    [Alias("create")]
    Task Create(string name, CancellationToken cancellationToken = default);

    /// <summary>The hospital, or null when it was never created.</summary>
    [Alias("get-info")]
    Task<HospitalInfo?> GetInfo(CancellationToken cancellationToken = default);

    /// <summary>Adds a device to the roster or updates its status.</summary>
    [Alias("device-status")]
    Task SetDeviceStatus(string deviceId, DeviceStatus status, CancellationToken cancellationToken = default);

    /// <summary>Records a device going online or offline.</summary>
    [Alias("device-connection")]
    Task SetDeviceConnection(string deviceId, bool online, DateTimeOffset at, CancellationToken cancellationToken = default);

    /// <summary>The roster: every device with its status and connectivity.</summary>
    [Alias("get-roster")]
    Task<IReadOnlyList<RosterEntry>> GetRoster(CancellationToken cancellationToken = default);

    /// <summary>Measurement statistics per device over the rolling window.</summary>
    [Alias("get-statistics")]
    Task<HospitalStatistics> GetStatistics(CancellationToken cancellationToken = default);

    /// <summary>Alerts raised, newest last.</summary>
    [Alias("get-alerts")]
    Task<IReadOnlyList<HospitalAlert>> GetAlerts(CancellationToken cancellationToken = default);
}
