using Visco.Model.Simulation;
using Visco.Model.Trees;

namespace Visco.Model.Tests;

public sealed class TreeEnsembleTests
{
    private static FeatureMatrix Data(int rows, ulong seed)
    {
        var random = new SimulationRandom(seed);
        var m = new FeatureMatrix(rows, 5);
        for (var i = 0; i < rows; i++)
        {
            for (var j = 0; j < 5; j++)
            {
                // Column 4 takes few distinct values, like the count features.
                m[i, j] = j == 4 ? random.NextInt(0, 3) : (float)random.Normal(0, 1);
            }
        }

        return m;
    }

    // The plain, branchy walk that the unrolled, unchecked traversal must agree with.
    private static void Reference(TreeEnsemble e, ReadOnlySpan<float> x, Span<double> output)
    {
        e.BaseScores.CopyTo(output);
        for (var t = 0; t < e.TreeCount; t++)
        {
            var node = e.Roots[t];
            while (!e.Nodes[node].IsLeaf(node))
            {
                var n = e.Nodes[node];
                node = x[n.Feature] <= n.Threshold ? n.Left : n.Right;
            }

            output[t % e.OutputCount] += e.Values[node];
        }
    }

    [Fact]
    public void Predict_Classifier_MatchesReferenceTraversal()
    {
        var train = Data(2000, 1);
        var labels = Enumerable.Range(0, train.Rows).Select(i => (train[i, 0] > 0 ? 1 : 0) + (int)train[i, 4]).ToArray();

        // 7 rounds of 4 classes: per class 7 trees, so the four-at-a-time loop also runs its remainder.
        var ensemble = GradientBoostedClassifier.Train(train, labels, 4, null, null, new GradientBoostingOptions { MaxRounds = 7, MaxDepth = 4 }).Ensemble;
        var test = Data(500, 2);
        Span<double> fast = stackalloc double[4];
        Span<double> slow = stackalloc double[4];
        for (var i = 0; i < test.Rows; i++)
        {
            ensemble.Predict(test.Row(i), fast);
            Reference(ensemble, test.Row(i), slow);
            for (var k = 0; k < 4; k++)
            {
                Assert.Equal(slow[k], fast[k], 12);
            }
        }
    }

    [Fact]
    public void Predict_ShortFeatureVector_Throws()
    {
        var train = Data(200, 3);
        var ensemble = GradientBoostedRegressor.Train(train, new double[200], null, null, new GradientBoostingOptions { MaxRounds = 2 }).Ensemble;
        Assert.Throws<ArgumentException>(() => ensemble.PredictScalar(new float[4]));
    }

    [Fact]
    public void Binning_BinAndThresholdAgree()
    {
        var data = Data(3000, 4);
        var binning = FeatureBinning.Fit(data, 32);
        for (var f = 0; f < data.Columns; f++)
        {
            var edges = binning.Edges[f];
            Assert.InRange(edges.Length, 1, 31);
            for (var i = 0; i < data.Rows; i++)
            {
                var v = data[i, f];
                var bin = binning.Bin(f, v);
                for (var b = 0; b < edges.Length; b++)
                {
                    Assert.Equal(v <= edges[b], bin <= b);
                }
            }
        }

        Assert.Equal([0f, 1f], binning.Edges[4]);
    }
}
