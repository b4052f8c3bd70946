using Visco.Model.Simulation;

namespace Visco.Model;

/// <summary>
/// Trains model "1" from the simulator when the registry is empty. Fixed seeds make it reproducible: two silos
/// bootstrapping independently get identical trees (only the creation time differs). Takes seconds on two cores.
/// </summary>
public static class ModelBootstrap
{
    /// <summary>Version string of the bootstrap model.</summary>
    public const string Version = "1";

    /// <summary>Simulator seed of the bootstrap training data. Evaluation sets must use other seeds.</summary>
    public const ulong SimulatorSeed = 20261122;

    /// <summary>Number of simulated sweeps the bootstrap model trains on.</summary>
    public const int SweepCount = 30_000;

    /// <summary>Trains the bootstrap model.</summary>
    public static ViscosityModel TrainVersion1(TimeProvider? timeProvider = null, int sweepCount = SweepCount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(sweepCount, 1000);
        var simulator = new BloodSimulator(SimulatorSeed);
        var examples = new TrainingExample[sweepCount];
        for (var i = 0; i < sweepCount; i++)
        {
            examples[i] = TrainingExample.FromSimulation(simulator.Next());
        }

        return new ModelTrainer().Train(examples, Version, $"synthetic: BloodSimulator seed={SimulatorSeed} sweeps={sweepCount}", timeProvider);
    }
}
