using System.Globalization;
using System.Text;
using Visco.Lake.Layout;
using Visco.Lake.Storage;
using Visco.Model;
using Visco.Model.Evaluation;
using Visco.Model.Files;
using Visco.Retraining.Data;
using Visco.Retraining.Reports;

namespace Visco.Retraining;

/// <summary>
/// The retraining job, callable from the CLI and from the silo's <c>retrain</c> verb: lake → labelled samples →
/// reproducible split → train → candidate and active model on the same hold-out → <c>lake/models/{version}/</c>
/// (model, manifest, report, plots). It never registers or activates anything itself (this project references only
/// Model and Lake); the caller does, following <see cref="RetrainingResult.Activate"/>.
/// </summary>
public sealed class RetrainingJob(ILakeStore lake, TimeProvider? time = null)
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    /// <summary>Runs the job; <see cref="RetrainingRefusedException"/> when the data is not fit to train on.</summary>
    public async Task<RetrainingResult> RunAsync(
        RetrainingOptions options, IProgress<RetrainingProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var data = await new LakeTrainingReader(lake).ReadAsync(options, progress, cancellationToken);
        if (data.Samples.Count < options.MinLabelledRows)
        {
            throw new RetrainingRefusedException(
                $"Only {data.Samples.Count} labelled measurements in the selection (at least {options.MinLabelledRows} needed; {data.Unlabelled} rows have no label, {data.Unusable} an unusable one).");
        }

        var parts = data.Samples.ToLookup(s => SampleSplit.Of(s.HospitalId, s.DeviceId, s.Example.Sweep.SampleId, options.HoldOutPercent, options.ValidationPercent));
        var train = parts[SplitPart.Train].ToList();
        var validation = parts[SplitPart.Validation].ToList();
        var holdOut = parts[SplitPart.HoldOut].ToList();
        if (train.Count < options.MinLabelledRows / 2 || holdOut.Count == 0 || validation.Count == 0)
        {
            throw new RetrainingRefusedException($"The split left {train.Count} train, {validation.Count} validation and {holdOut.Count} hold-out samples: too few to train and compare.");
        }

        var version = options.CandidateVersion ?? await NextVersionAsync(cancellationToken);
        var active = options.ActiveVersion is { } activeVersion ? await LoadModelAsync(activeVersion, cancellationToken) : null;
        progress?.Report(new RetrainingProgress("train", 0, 1));
        var candidate = await Task.Run(() => new ModelTrainer().Train(
            [.. train.Select(s => s.Example)], version, Source(options), _time), cancellationToken);
        progress?.Report(new RetrainingProgress("train", 1, 1));

        var holdOutExamples = holdOut.Select(s => s.Example).ToList();
        var candidateReport = ModelEvaluator.Evaluate(candidate, holdOutExamples);
        var activeReport = active is null ? null : ModelEvaluator.Evaluate(active, holdOutExamples);
        progress?.Report(new RetrainingProgress("evaluate", 1, 1));
        var (activate, reason) = ActivationDecision.Decide(candidateReport, activeReport, options.ActivationMargin, options.ForceActivate);
        var result = new RetrainingResult(
            version, LakePaths.ModelFile(version, ModelManifest.ModelFileName), LakePaths.ModelFile(version, ModelManifest.FileName),
            LakePaths.ModelFile(version, "report.md"), candidateReport,
            ModelEvaluator.Evaluate(candidate, [.. validation.Select(s => s.Example)]), activeReport, activate, reason, train.Count, validation.Count, holdOut.Count);

        await WriteOutputsAsync(result, candidate, active, holdOut, data, options, cancellationToken);
        progress?.Report(new RetrainingProgress("write", 1, 1));
        return result;
    }

    private static string Source(RetrainingOptions options) => string.Create(CultureInfo.InvariantCulture,
        $"lake:{(options.Hospitals is null ? "*" : string.Join(',', options.Hospitals.Order(StringComparer.Ordinal)))}:{options.From:yyyy-MM-dd}..{options.To:yyyy-MM-dd}");

    private static List<HoldOutPrediction> Predict(ViscosityModel model, List<LabelledSample> holdOut) =>
        [.. holdOut.Select(s =>
        {
            var p = model.Predict(s.Example.Sweep);
            return new HoldOutPrediction(s.HospitalId, s.DeviceId, s.Example.HighShearViscosity37,
                s.Example.Class == ViscosityClass.InvalidSample ? null : p.HighShearViscosity37, s.Example.Class, p.Class);
        })];

    private async Task WriteOutputsAsync(RetrainingResult result, ViscosityModel candidate, ViscosityModel? active,
        List<LabelledSample> holdOut, LakeTrainingData data, RetrainingOptions options, CancellationToken cancellationToken)
    {
        var candidatePredictions = Predict(candidate, holdOut);
        var activePredictions = active is null ? null : Predict(active, holdOut);
        var files = new Dictionary<string, byte[]>(StringComparer.Ordinal)
        {
            ["predicted-vs-reference.svg"] = Utf8(SvgPlots.PredictedVersusReference(candidatePredictions, activePredictions, result.CandidateVersion, active?.Version)),
            ["residuals-by-hospital.svg"] = Utf8(SvgPlots.ResidualsBy("hospital", candidatePredictions, p => p.HospitalId)),
            ["residuals-by-device.svg"] = Utf8(SvgPlots.ResidualsBy("device", candidatePredictions, p => p.DeviceId)),
            ["confusion-candidate.svg"] = Utf8(SvgPlots.ConfusionHeatmap(result.Candidate.Classification.Confusion, $"Confusion matrix, candidate {result.CandidateVersion} (hold-out)")),
            ["report.md"] = Utf8(RetrainingReport.ToMarkdown(result, data, options)),
        };
        if (result.Active is not null)
        {
            files["confusion-active.svg"] = Utf8(SvgPlots.ConfusionHeatmap(result.Active.Classification.Confusion, $"Confusion matrix, active {result.Active.ModelVersion} (hold-out)"));
        }

        using (var model = new MemoryStream())
        {
            ModelFile.Save(candidate, model);
            files[ModelManifest.ModelFileName] = model.ToArray();
        }

        // The manifest last: its presence says the folder is complete.
        files[ModelManifest.FileName] = ModelManifest.ToJson(result, options, _time.GetUtcNow());
        foreach (var (name, bytes) in files)
        {
            await lake.WriteAsync(LakePaths.ModelFile(result.CandidateVersion, name), (stream, ct) => stream.WriteAsync(bytes, ct).AsTask(), cancellationToken);
        }
    }

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    private async Task<string> NextVersionAsync(CancellationToken cancellationToken)
    {
        var highest = 0L;
        foreach (var entry in await lake.ListAsync("lake/models/", cancellationToken))
        {
            var parts = entry.Path.Split('/');
            if (parts.Length >= 3 && long.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var number))
            {
                highest = Math.Max(highest, number);
            }
        }

        return (highest + 1).ToString(CultureInfo.InvariantCulture);
    }

    private async Task<ViscosityModel> LoadModelAsync(string version, CancellationToken cancellationToken)
    {
        var path = LakePaths.ModelFile(version, ModelManifest.ModelFileName);
        try
        {
            await using var stream = await lake.OpenReadAsync(path, cancellationToken);
            using var copy = new MemoryStream();
            await stream.CopyToAsync(copy, cancellationToken);
            copy.Position = 0;
            return ModelFile.Load(copy);
        }
        catch (Exception exception) when (exception is LakeObjectNotFoundException or ModelFileException)
        {
            throw new RetrainingRefusedException($"The active model {version} cannot be loaded for the comparison: {exception.Message}", [path], exception);
        }
    }
}
