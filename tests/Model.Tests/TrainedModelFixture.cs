using Visco.Model.Simulation;

namespace Visco.Model.Tests;

/// <summary>One model trained once for all tests that need a real one (training takes seconds).</summary>
public sealed class TrainedModelFixture
{
    public const ulong TrainingSeed = 101;

    public TrainedModelFixture()
    {
        var examples = new BloodSimulator(TrainingSeed).Generate(15_000).Select(TrainingExample.FromSimulation).ToList();
        Model = new ModelTrainer().Train(examples, "test-1", $"simulator seed={TrainingSeed}");
    }

    public ViscosityModel Model { get; }
}
