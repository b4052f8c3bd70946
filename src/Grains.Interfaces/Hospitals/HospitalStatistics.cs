namespace Visco.Grains.Interfaces.Hospitals;

/// <summary>A hospital's measurement statistics.</summary>
/// <param name="Total">Measurements since creation.</param>
/// <param name="ByClass">Measurements per result class.</param>
/// <param name="ByModelVersion">Measurements per model version.</param>
/// <param name="Devices">Per-device figures.</param>
public sealed record HospitalStatistics(
    long Total,
    IReadOnlyDictionary<string, long> ByClass,
    IReadOnlyDictionary<string, long> ByModelVersion,
    IReadOnlyList<DeviceStatistics> Devices);
