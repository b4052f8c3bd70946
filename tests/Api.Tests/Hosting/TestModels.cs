using Visco.Model;
using Visco.Model.Files;
using Visco.Model.Simulation;

namespace Visco.Api.Tests.Hosting;

/// <summary>A small model file trained once per run (the product model's 30,000 sweeps would waste seconds per test).</summary>
public static class TestModels
{
    private static readonly Lazy<byte[]> Version1 = new(() =>
    {
        var simulator = new BloodSimulator(11);
        var examples = Enumerable.Range(0, 2000).Select(_ => TrainingExample.FromSimulation(simulator.Next())).ToArray();
        using var stream = new MemoryStream();
        ModelFile.Save(new ModelTrainer().Train(examples, "1", "api test seed=11"), stream);
        return stream.ToArray();
    });

    /// <summary>Model "1".</summary>
    public static byte[] V1 => Version1.Value;
}
