using Visco.Model;
using Visco.Model.Files;
using Visco.Model.Simulation;

namespace Visco.Grains.Tests.Hosting;

/// <summary>
/// Small model files trained once per test run (2,000 simulated sweeps: seconds would be wasted training the
/// 30,000-sweep product model in every test; the quality floors are Model.Tests' business).
/// </summary>
public static class TestModels
{
    private static readonly Lazy<byte[]> Version1 = new(() => Train("1", 11));
    private static readonly Lazy<byte[]> Version2 = new(() => Train("2", 22));

    /// <summary>Model "1".</summary>
    public static byte[] V1 => Version1.Value;

    /// <summary>Model "2" (other training data).</summary>
    public static byte[] V2 => Version2.Value;

    private static byte[] Train(string version, ulong seed)
    {
        var simulator = new BloodSimulator(seed);
        var examples = Enumerable.Range(0, 2000).Select(_ => TrainingExample.FromSimulation(simulator.Next())).ToArray();
        var model = new ModelTrainer().Train(examples, version, $"test seed={seed}");
        using var stream = new MemoryStream();
        ModelFile.Save(model, stream);
        return stream.ToArray();
    }
}
