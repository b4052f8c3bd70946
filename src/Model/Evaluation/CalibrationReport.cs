namespace Visco.Model.Evaluation;

/// <summary>
/// Calibration of predicted confidences: expected calibration error (Naeini et al. 2015), the count-weighted mean of
/// |accuracy - confidence| over equal-width confidence bins, plus the bins themselves.
/// </summary>
/// <param name="ExpectedCalibrationError">ECE, 0 = perfectly calibrated.</param>
/// <param name="MaximumCalibrationError">Largest gap of any non-empty bin.</param>
/// <param name="Bins">The reliability bins.</param>
public sealed record CalibrationReport(double ExpectedCalibrationError, double MaximumCalibrationError, IReadOnlyList<CalibrationBin> Bins)
{
    /// <summary>Computes calibration from each prediction's confidence and whether it was right.</summary>
    public static CalibrationReport Compute(IReadOnlyList<double> confidences, IReadOnlyList<bool> correct, int binCount = 10)
    {
        ArgumentNullException.ThrowIfNull(confidences);
        ArgumentNullException.ThrowIfNull(correct);
        ArgumentOutOfRangeException.ThrowIfLessThan(binCount, 1);
        if (confidences.Count != correct.Count || confidences.Count == 0)
        {
            throw new ArgumentException("Need the same, non-zero number of confidences and outcomes.", nameof(correct));
        }

        var counts = new int[binCount];
        var confidenceSums = new double[binCount];
        var correctSums = new double[binCount];
        for (var i = 0; i < confidences.Count; i++)
        {
            var b = Math.Clamp((int)Math.Ceiling(confidences[i] * binCount) - 1, 0, binCount - 1);
            counts[b]++;
            confidenceSums[b] += confidences[i];
            correctSums[b] += correct[i] ? 1 : 0;
        }

        var bins = new List<CalibrationBin>(binCount);
        double ece = 0, mce = 0;
        for (var b = 0; b < binCount; b++)
        {
            var meanConfidence = counts[b] == 0 ? double.NaN : confidenceSums[b] / counts[b];
            var accuracy = counts[b] == 0 ? double.NaN : correctSums[b] / counts[b];
            bins.Add(new CalibrationBin((double)b / binCount, (double)(b + 1) / binCount, counts[b], meanConfidence, accuracy));
            if (counts[b] > 0)
            {
                var gap = Math.Abs(accuracy - meanConfidence);
                ece += gap * counts[b] / confidences.Count;
                mce = Math.Max(mce, gap);
            }
        }

        return new CalibrationReport(ece, mce, bins);
    }
}
