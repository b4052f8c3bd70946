namespace Visco.Model.Trees;

/// <summary>
/// Multiclass gradient boosting with softmax cross-entropy: each round grows one tree per class on the gradients
/// p_k - y_k and hessians p_k (1 - p_k). The ensemble's outputs are the raw class scores (logits).
/// </summary>
public static class GradientBoostedClassifier
{
    /// <summary>Trains on labels 0..classCount-1, with early stopping on validation log-loss when given.</summary>
    public static BoostingResult Train(
        FeatureMatrix train,
        IReadOnlyList<int> labels,
        int classCount,
        FeatureMatrix? validation,
        IReadOnlyList<int>? validationLabels,
        GradientBoostingOptions options)
    {
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(classCount, 2);
        options.Validate();
        TrainingGuards.CheckShapes(train, labels.Count, validation, validationLabels?.Count);
        if (labels.Any(l => l < 0 || l >= classCount))
        {
            throw new ArgumentException($"Labels must lie in 0..{classCount - 1}.", nameof(labels));
        }

        var n = train.Rows;
        var baseScores = PriorLogits(labels, classCount);
        var binning = FeatureBinning.Fit(train, options.MaxBins);
        var grower = new HistogramTreeBuilder(BinnedMatrix.Create(train, binning), binning, options);
        var builder = new TreeEnsembleBuilder(train.Columns, baseScores);
        var scores = Repeat(baseScores, n);
        var validationScores = validation is null ? [] : Repeat(baseScores, validation.Rows);
        var probabilities = new double[n * classCount];
        var gradients = new double[n];
        var hessians = new double[n];
        var sampler = new RowSampler(n, options.RowSubsample, options.Seed);
        var rows = new int[n];
        var stopping = new EarlyStopping(validation is null ? 0 : options.EarlyStoppingRounds);
        var stoppedEarly = false;
        var round = 0;
        while (round < options.MaxRounds)
        {
            scores.CopyTo(probabilities, 0);
            for (var i = 0; i < n; i++)
            {
                Softmax.Apply(probabilities.AsSpan(i * classCount, classCount));
            }

            sampler.Draw(rows);
            for (var k = 0; k < classCount; k++)
            {
                for (var i = 0; i < n; i++)
                {
                    var p = probabilities[(i * classCount) + k];
                    gradients[i] = p - (labels[i] == k ? 1.0 : 0.0);
                    hessians[i] = Math.Max(p * (1.0 - p), 1e-6);
                }

                // The grower reorders the rows it is given; each class's tree gets the round's sample afresh.
                var sample = rows.AsSpan(0, sampler.SampleSize).ToArray();
                grower.Grow(builder, gradients, hessians, sample, sample.Length);
                var tree = builder.TreeCount - 1;
                for (var i = 0; i < n; i++)
                {
                    scores[(i * classCount) + k] += builder.EvaluateTree(tree, train.Row(i));
                }

                if (validation is not null)
                {
                    for (var i = 0; i < validation.Rows; i++)
                    {
                        validationScores[(i * classCount) + k] += builder.EvaluateTree(tree, validation.Row(i));
                    }
                }
            }

            round++;
            if (validation is not null
                && stopping.Record(round, TemperatureScaling.NegativeLogLikelihood(validationScores, validationLabels!, classCount, 1.0)))
            {
                stoppedEarly = true;
                break;
            }
        }

        var kept = validation is null || options.EarlyStoppingRounds == 0 ? round : stopping.BestRound;
        builder.Truncate(kept * classCount);
        var best = validation is null ? double.NaN : stopping.History[kept - 1];
        return new BoostingResult(builder.Build(), round, kept, best, stopping.History, stoppedEarly);
    }

    private static double[] PriorLogits(IReadOnlyList<int> labels, int classCount)
    {
        var counts = new double[classCount];
        foreach (var l in labels)
        {
            counts[l]++;
        }

        var logits = new double[classCount];
        for (var k = 0; k < classCount; k++)
        {
            // Half a pseudo-count keeps an absent class finite.
            logits[k] = Math.Log((counts[k] + 0.5) / (labels.Count + (0.5 * classCount)));
        }

        return logits;
    }

    private static double[] Repeat(double[] row, int times)
    {
        var result = new double[row.Length * times];
        for (var i = 0; i < times; i++)
        {
            row.CopyTo(result, i * row.Length);
        }

        return result;
    }
}
