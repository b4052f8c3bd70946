namespace Visco.Grains.Interfaces.Hospitals;

/// <summary>One device's measurement statistics.</summary>
/// <param name="DeviceId">The device.</param>
/// <param name="Total">Measurements since the hospital was created.</param>
/// <param name="ByClass">Measurements per result class since creation.</param>
/// <param name="WindowSize">Measurements in the rolling window (the most recent ones).</param>
/// <param name="WindowInvalidRate">Share of invalid samples in the rolling window, 0-1.</param>
public sealed record DeviceStatistics(
    string DeviceId, long Total, IReadOnlyDictionary<string, long> ByClass, int WindowSize, double WindowInvalidRate);
