namespace Visco.Model.Simulation;

/// <summary>A synthetic sweep together with its ground truth.</summary>
/// <param name="DeviceId">The simulated analyser that measured it.</param>
/// <param name="Sweep">The raw sweep, as an analyser would send it.</param>
/// <param name="Truth">The ground truth.</param>
public sealed record SimulatedMeasurement(string DeviceId, Sweep Sweep, GroundTruth Truth);
