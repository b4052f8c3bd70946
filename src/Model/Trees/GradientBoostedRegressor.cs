namespace Visco.Model.Trees;

/// <summary>Gradient-boosted regression trees with squared loss.</summary>
public static class GradientBoostedRegressor
{
    /// <summary>
    /// Trains on <paramref name="train"/>; with a validation set, the loss (mean squared error) is tracked each round
    /// and training stops early and keeps the best prefix.
    /// </summary>
    public static BoostingResult Train(
        FeatureMatrix train,
        IReadOnlyList<double> targets,
        FeatureMatrix? validation,
        IReadOnlyList<double>? validationTargets,
        GradientBoostingOptions options)
    {
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(targets);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        TrainingGuards.CheckShapes(train, targets.Count, validation, validationTargets?.Count);

        var n = train.Rows;
        var baseScore = targets.Average();
        var binning = FeatureBinning.Fit(train, options.MaxBins);
        var grower = new HistogramTreeBuilder(BinnedMatrix.Create(train, binning), binning, options);
        var builder = new TreeEnsembleBuilder(train.Columns, [baseScore]);
        var prediction = Enumerable.Repeat(baseScore, n).ToArray();
        var validationPrediction = validation is null ? [] : Enumerable.Repeat(baseScore, validation.Rows).ToArray();
        var gradients = new double[n];
        var hessians = Enumerable.Repeat(1.0, n).ToArray();
        var sampler = new RowSampler(n, options.RowSubsample, options.Seed);
        var rows = new int[n];
        var stopping = new EarlyStopping(validation is null ? 0 : options.EarlyStoppingRounds);
        var stoppedEarly = false;
        var round = 0;
        while (round < options.MaxRounds)
        {
            for (var i = 0; i < n; i++)
            {
                gradients[i] = prediction[i] - targets[i];
            }

            sampler.Draw(rows);
            grower.Grow(builder, gradients, hessians, rows, sampler.SampleSize);
            var tree = builder.TreeCount - 1;
            for (var i = 0; i < n; i++)
            {
                prediction[i] += builder.EvaluateTree(tree, train.Row(i));
            }

            round++;
            if (validation is not null)
            {
                double loss = 0;
                for (var i = 0; i < validation.Rows; i++)
                {
                    validationPrediction[i] += builder.EvaluateTree(tree, validation.Row(i));
                    var e = validationPrediction[i] - validationTargets![i];
                    loss += e * e;
                }

                if (stopping.Record(round, loss / validation.Rows))
                {
                    stoppedEarly = true;
                    break;
                }
            }
        }

        var kept = validation is null || options.EarlyStoppingRounds == 0 ? round : stopping.BestRound;
        builder.Truncate(kept);
        var best = validation is null ? double.NaN : stopping.History[kept - 1];
        return new BoostingResult(builder.Build(), round, kept, best, stopping.History, stoppedEarly);
    }
}
