using Visco.Model.Simulation;
using Visco.Model.Trees;

namespace Visco.Model.Tests;

public sealed class GradientBoostingTests
{
    private static FeatureMatrix RandomMatrix(int rows, int columns, ulong seed)
    {
        var random = new SimulationRandom(seed);
        var m = new FeatureMatrix(rows, columns);
        for (var i = 0; i < rows; i++)
        {
            for (var j = 0; j < columns; j++)
            {
                m[i, j] = (float)random.Uniform(-2, 2);
            }
        }

        return m;
    }

    private static double Target(FeatureMatrix m, int i) => Math.Sin(m[i, 0]) + (0.5 * m[i, 1] * m[i, 1]) + (m[i, 2] > 0 ? 1 : 0);

    [Fact]
    public void Regressor_KnownFunction_FitsClosely()
    {
        var train = RandomMatrix(4000, 4, 1);
        var test = RandomMatrix(1000, 4, 2);
        var y = Enumerable.Range(0, train.Rows).Select(i => Target(train, i)).ToArray();
        var options = new GradientBoostingOptions { MaxRounds = 300, LearningRate = 0.1, MaxDepth = 4, EarlyStoppingRounds = 0 };
        var result = GradientBoostedRegressor.Train(train, y, null, null, options);

        double squared = 0, variance = 0;
        var mean = Enumerable.Range(0, test.Rows).Average(i => Target(test, i));
        for (var i = 0; i < test.Rows; i++)
        {
            var e = result.Ensemble.PredictScalar(test.Row(i)) - Target(test, i);
            squared += e * e;
            variance += Math.Pow(Target(test, i) - mean, 2);
        }

        Assert.True(squared / variance < 0.01, $"relative MSE {squared / variance}");
        Assert.Equal(300, result.Ensemble.TreeCount);
        Assert.InRange(result.Ensemble.MaxDepth, 1, 4);
    }

    [Fact]
    public void Regressor_PureNoise_StopsEarly()
    {
        var train = RandomMatrix(2000, 3, 3);
        var valid = RandomMatrix(500, 3, 4);
        var noise = new SimulationRandom(5);
        var y = Enumerable.Range(0, train.Rows).Select(_ => noise.Normal(0, 1)).ToArray();
        var vy = Enumerable.Range(0, valid.Rows).Select(_ => noise.Normal(0, 1)).ToArray();
        var options = new GradientBoostingOptions { MaxRounds = 500, EarlyStoppingRounds = 10, MinSamplesPerLeaf = 5 };
        var result = GradientBoostedRegressor.Train(train, y, valid, vy, options);

        Assert.True(result.StoppedEarly);
        Assert.True(result.RoundsRun < 500);
        Assert.Equal(result.RoundsRun - 10, result.BestRound);
        Assert.Equal(result.BestRound, result.Ensemble.TreeCount);
        Assert.Equal(result.ValidationLoss.Min(), result.BestValidationLoss);
    }

    [Fact]
    public void Classifier_SeparableData_ClassifiesPerfectly()
    {
        var train = RandomMatrix(3000, 3, 6);
        var test = RandomMatrix(1000, 3, 7);
        static int Label(FeatureMatrix m, int i) => m[i, 0] < -0.5 ? 0 : m[i, 1] < 0 ? 1 : 2;
        var labels = Enumerable.Range(0, train.Rows).Select(i => Label(train, i)).ToArray();
        var result = GradientBoostedClassifier.Train(
            train, labels, 3, null, null, new GradientBoostingOptions { MaxRounds = 30, MaxDepth = 3 });

        Assert.Equal(90, result.Ensemble.TreeCount);
        Span<double> scores = stackalloc double[3];
        var errors = 0;
        for (var i = 0; i < test.Rows; i++)
        {
            result.Ensemble.Predict(test.Row(i), scores);
            errors += Softmax.ArgMax(scores) == Label(test, i) ? 0 : 1;
        }

        // Only points within a bin's width of a boundary may go either way.
        Assert.True(errors <= 10, $"{errors} errors");
    }

    [Fact]
    public void Classifier_LabelOutOfRange_Throws()
    {
        var train = RandomMatrix(10, 2, 8);
        Assert.Throws<ArgumentException>(() =>
            GradientBoostedClassifier.Train(train, Enumerable.Repeat(3, 10).ToArray(), 3, null, null, new GradientBoostingOptions()));
    }

    [Fact]
    public void Options_OutOfRange_NameTheSetting()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new GradientBoostingOptions { MaxBins = 300 }.Validate());
        Assert.Equal("MaxBins", e.ParamName);
    }

    [Fact]
    public void TemperatureScaling_OverconfidentLogits_CoolsThemDown()
    {
        // Logits claim ~99.9 % but are right only 80 % of the time.
        var labels = new List<int>();
        var logits = new List<double>();
        for (var i = 0; i < 1000; i++)
        {
            labels.Add(i % 5 == 0 ? 1 : 0);
            logits.AddRange([7.0, 0.0]);
        }

        var t = TemperatureScaling.Fit(logits.ToArray(), labels, 2);
        Assert.True(t > 3, $"temperature {t}");
        Span<double> p = [7.0, 0.0];
        Softmax.Apply(p, t);
        Assert.Equal(0.8, p[0], 2);
    }
}
