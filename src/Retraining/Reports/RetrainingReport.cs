using System.Globalization;
using System.Text;
using Visco.Model.Evaluation;
using Visco.Retraining.Data;

namespace Visco.Retraining.Reports;

/// <summary>The evaluation report in Markdown: the decision first, then the side-by-side figures, the data, and the plots.</summary>
public static class RetrainingReport
{
    /// <summary>The plot files written next to the report.</summary>
    public static IReadOnlyList<string> PlotFiles { get; } =
        ["predicted-vs-reference.svg", "residuals-by-hospital.svg", "residuals-by-device.svg", "confusion-candidate.svg"];

    /// <summary>Renders the report.</summary>
    public static string ToMarkdown(RetrainingResult result, LakeTrainingData data, RetrainingOptions options)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(options);
        var md = new StringBuilder();
        var c = CultureInfo.InvariantCulture;
        md.Append(c, $"# Retraining: candidate model {result.CandidateVersion}\n\n");
        md.Append(c, $"**Decision:** {(result.Activate ? "activate" : "keep the active model")} — {result.Reason}.\n\n");
        md.Append("## Hold-out comparison (same samples for both)\n\n");
        md.Append("| metric | candidate | active |\n| --- | ---: | ---: |\n");
        Row(md, "samples", result.Candidate.SampleCount, result.Active?.SampleCount, "0");
        Row(md, "high-shear MAE (mPa·s)", result.Candidate.HighShear.MeanAbsoluteError, result.Active?.HighShear.MeanAbsoluteError, "0.000");
        Row(md, "high-shear MAPE (%)", result.Candidate.HighShear.MeanAbsolutePercentageError, result.Active?.HighShear.MeanAbsolutePercentageError, "0.00");
        Row(md, "high-shear R²", result.Candidate.HighShear.RSquared, result.Active?.HighShear.RSquared, "0.0000");
        Row(md, "low-shear MAE (mPa·s)", result.Candidate.LowShear.MeanAbsoluteError, result.Active?.LowShear.MeanAbsoluteError, "0.000");
        Row(md, "low-shear MAPE (%)", result.Candidate.LowShear.MeanAbsolutePercentageError, result.Active?.LowShear.MeanAbsolutePercentageError, "0.00");
        Row(md, "class accuracy", result.Candidate.Classification.Accuracy, result.Active?.Classification.Accuracy, "0.000");
        md.Append(c, $"\nOn the validation part the candidate scores high-shear MAPE {result.CandidateValidation.HighShear.MeanAbsolutePercentageError:0.00} % and accuracy {result.CandidateValidation.Classification.Accuracy:0.000} ({result.CandidateValidation.SampleCount} samples).\n");
        md.Append("\n## Data\n\n");
        md.Append(c, $"- hospitals: {(options.Hospitals is null ? "all" : string.Join(", ", options.Hospitals.Order(StringComparer.Ordinal)))}; dates {Date(options.From)} to {Date(options.To)}\n");
        md.Append(c, $"- {data.MeasurementFiles} measurement files, {data.LabelFiles} label files, {data.RowsRead} rows read; {data.Samples.Count} labelled samples ({data.Unlabelled} without label, {data.Unusable} with an unusable label, {data.Ambiguous} ambiguous sample ids)\n");
        md.Append(c, $"- split by hash of (hospital, device, sample): {result.TrainCount} train, {result.ValidationCount} validation, {result.HoldOutCount} hold-out\n\n");
        md.Append("## Plots\n\n");
        foreach (var plot in PlotFiles)
        {
            md.Append(c, $"![{plot}]({plot})\n\n");
        }

        md.Append("## Candidate in detail (hold-out)\n\n").Append(ReportFormatter.ToMarkdown(result.Candidate)).Append('\n');
        if (result.Active is not null)
        {
            md.Append("## Active model in detail (hold-out)\n\n").Append(ReportFormatter.ToMarkdown(result.Active)).Append('\n');
        }

        return md.ToString();
    }

    private static string Date(DateOnly date) =>
        date == DateOnly.MinValue || date == DateOnly.MaxValue ? "(open)" : date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static void Row(StringBuilder md, string name, double candidate, double? active, string format) =>
        md.Append(CultureInfo.InvariantCulture, $"| {name} | {candidate.ToString(format, CultureInfo.InvariantCulture)} | {(active is { } a ? a.ToString(format, CultureInfo.InvariantCulture) : "—")} |\n");
}
