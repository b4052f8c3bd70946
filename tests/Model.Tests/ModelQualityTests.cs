using Visco.Model.Evaluation;
using Visco.Model.Simulation;

namespace Visco.Model.Tests;

public sealed class ModelQualityTests(TrainedModelFixture fixture) : IClassFixture<TrainedModelFixture>
{
    private const ulong HeldOutSeed = 202;

    [Fact]
    public void Evaluate_HeldOutSimulatedSet_MeetsQualityFloors()
    {
        Assert.NotEqual(TrainedModelFixture.TrainingSeed, HeldOutSeed);
        Assert.NotEqual(ModelBootstrap.SimulatorSeed, HeldOutSeed);
        var test = new BloodSimulator(HeldOutSeed).Generate(20_000).Select(TrainingExample.FromSimulation).ToList();
        var report = ModelEvaluator.Evaluate(fixture.Model, test);
        var markdown = ReportFormatter.ToMarkdown(report);
        var invalid = (int)ViscosityClass.InvalidSample;

        Assert.True(report.HighShear.MeanAbsolutePercentageError <= 2.0, markdown);
        Assert.True(report.LowShear.MeanAbsolutePercentageError <= 5.0, markdown);
        Assert.True(report.Classification.Accuracy >= 0.95, markdown);
        Assert.True(report.Classification.Confusion.Recall(invalid) >= 0.98, markdown);
        Assert.True(report.Classification.Confusion.Precision(invalid) >= 0.95, markdown);
        Assert.True(report.Classification.Calibration.ExpectedCalibrationError <= 0.05, markdown);

        // Regression is scored on nearly every sound sample: the model rarely rejects good blood.
        Assert.True(report.HighShear.Count >= 0.97 * test.Count(e => e.Class != ViscosityClass.InvalidSample), markdown);
    }

    [Fact]
    public void Train_Metadata_DescribesTrainingAndValidation()
    {
        var m = fixture.Model.Metadata;
        Assert.Equal("test-1", m.ModelVersion);
        Assert.Equal(15_000, m.TrainingSampleCount);
        Assert.True(m.TrainingDataFrom < m.TrainingDataTo);
        Assert.InRange(m.Metrics["val_mape_high_pct"], 0, 2);
        Assert.InRange(m.Metrics["val_accuracy"], 0.95, 1);
        Assert.True(m.Metrics["temperature"] > 0);
    }
}
