namespace Visco.Grains.Interfaces.Hospitals;

/// <summary>A hospital.</summary>
/// <param name="HospitalId">Its id (tenant key of every query).</param>
/// <param name="Name">Its display name.</param>
/// <param name="CreatedAt">When it was created (UTC).</param>
/// <param name="DeviceCount">Devices on its roster.</param>
public sealed record HospitalInfo(string HospitalId, string Name, DateTimeOffset CreatedAt, int DeviceCount);
