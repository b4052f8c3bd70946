using Visco.Model.Files;
using Visco.Model.Simulation;
using Visco.TestKit;

namespace Visco.Model.Tests;

public sealed class ModelTrainerTests(TrainedModelFixture fixture) : IClassFixture<TrainedModelFixture>
{
    private static byte[] Bytes(ViscosityModel model)
    {
        using var stream = new MemoryStream();
        ModelFile.Save(model, stream);
        return stream.ToArray();
    }

    [Fact]
    public void Train_SameDataAndSeed_IdenticalModelFile()
    {
        var examples = new BloodSimulator(11).Generate(3000).Select(TrainingExample.FromSimulation).ToList();
        var clock = new ManualTimeProvider();
        var a = new ModelTrainer().Train(examples, "x", "sim", clock);
        var b = new ModelTrainer().Train(examples, "x", "sim", clock);
        Assert.Equal(Bytes(a), Bytes(b));
        Assert.Equal(clock.GetUtcNow(), a.Metadata.CreatedAt);
    }

    [Fact]
    public void Train_SkipsMalformedSweeps()
    {
        var examples = new BloodSimulator(12).Generate(1500).Select(TrainingExample.FromSimulation).ToList();
        var broken = examples[0] with { Sweep = examples[0].Sweep with { TemperatureC = double.NaN } };
        var model = new ModelTrainer().Train([broken, .. examples.Skip(1)], "x", "sim", new ManualTimeProvider());
        Assert.Equal(1499, model.Metadata.TrainingSampleCount);
    }

    [Fact]
    public void Train_TooFewSweeps_Throws()
    {
        var examples = new BloodSimulator(13).Generate(50).Select(TrainingExample.FromSimulation).ToList();
        Assert.Throws<ArgumentException>(() => new ModelTrainer().Train(examples, "x", "sim"));
    }

    [Fact]
    public void Bootstrap_TrainsVersionOneFromTheSimulator()
    {
        var model = ModelBootstrap.TrainVersion1(new ManualTimeProvider(), sweepCount: 3000);
        Assert.Equal(ModelBootstrap.Version, model.Version);
        Assert.Contains($"seed={ModelBootstrap.SimulatorSeed}", model.Metadata.TrainingDataSource, StringComparison.Ordinal);
        Assert.True(model.Metadata.Metrics["val_accuracy"] > 0.9);
    }

    [Fact]
    public void Predict_ConcurrentCallers_SameAnswersAsSequential()
    {
        var sweeps = new BloodSimulator(14).Generate(2000).Select(m => m.Sweep).ToArray();
        var sequential = sweeps.Select(fixture.Model.Predict).ToArray();
        var parallel = new Prediction[sweeps.Length];
        Parallel.For(0, sweeps.Length, i => parallel[i] = fixture.Model.Predict(sweeps[i]));
        for (var i = 0; i < sweeps.Length; i++)
        {
            Assert.Equal(sequential[i].HighShearViscosity37, parallel[i].HighShearViscosity37);
            Assert.Equal(sequential[i].Class, parallel[i].Class);
            Assert.Equal(sequential[i].Confidence, parallel[i].Confidence);
        }
    }
}
