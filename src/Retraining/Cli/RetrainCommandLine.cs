using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using Visco.Lake.Storage;

namespace Visco.Retraining.Cli;

/// <summary>
/// The <c>visco-retrain</c> command line: the same options the silo's <c>retrain</c> verb can offer. Exit codes:
/// 0 done (the manifest says whether to activate), 2 refused (garbage data, named), 1 other failure.
/// </summary>
public static class RetrainCommandLine
{
    /// <summary>Exit code of a refused run.</summary>
    public const int Refused = 2;

    /// <summary>Builds the root command.</summary>
    public static RootCommand Create()
    {
        var data = new Option<DirectoryInfo>("--data") { Description = "The data directory holding lake/ (Visco:DataDirectory).", DefaultValueFactory = _ => new DirectoryInfo("data") };
        var hospitals = new Option<string[]>("--hospital") { Description = "Hospital to read (repeat; default all).", AllowMultipleArgumentsPerToken = true };
        var from = new Option<string?>("--from") { Description = "First date partition, yyyy-MM-dd (default: open)." };
        var to = new Option<string?>("--to") { Description = "Last date partition, yyyy-MM-dd (default: open)." };
        var version = new Option<string?>("--candidate-version") { Description = "The candidate's version (default: one above the highest in lake/models)." };
        var active = new Option<string?>("--active-version") { Description = "The active model's version, compared on the same hold-out." };
        var activate = new Option<bool>("--activate") { Description = "Recommend activation whatever the comparison says." };
        var margin = new Option<double>("--margin") { Description = "Relative high-shear MAPE improvement needed to activate automatically.", DefaultValueFactory = _ => 0.05 };
        var minRows = new Option<int>("--min-labelled") { Description = "Refuse below this many labelled measurements.", DefaultValueFactory = _ => 200 };
        var root = new RootCommand("Retrains the viscosity model from the training lake and writes the candidate to lake/models/{version}/.")
        {
            data, hospitals, from, to, version, active, activate, margin, minRows,
        };
        root.SetAction((result, cancellationToken) =>
        {
            var options = new RetrainingOptions
            {
                Hospitals = result.GetValue(hospitals) is { Length: > 0 } h ? h.ToHashSet(StringComparer.Ordinal) : null,
                From = ParseDate(result.GetValue(from)) ?? DateOnly.MinValue,
                To = ParseDate(result.GetValue(to)) ?? DateOnly.MaxValue,
                CandidateVersion = result.GetValue(version),
                ActiveVersion = result.GetValue(active),
                ForceActivate = result.GetValue(activate),
                ActivationMargin = result.GetValue(margin),
                MinLabelledRows = result.GetValue(minRows),
            };
            return RunAsync(new LocalLakeStore(result.GetValue(data)!.FullName), options, AnsiConsole.Console, cancellationToken);
        });
        return root;
    }

    /// <summary>Runs the job with a progress display and prints the outcome; returns the exit code.</summary>
    public static async Task<int> RunAsync(ILakeStore lake, RetrainingOptions options, IAnsiConsole console, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(console);
        try
        {
            RetrainingResult? result = null;
            await console.Progress().Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
                .StartAsync(async context =>
                {
                    var tasks = new Dictionary<string, ProgressTask>(StringComparer.Ordinal);
                    var progress = new SynchronousProgress(p =>
                    {
                        if (!tasks.TryGetValue(p.Stage, out var task))
                        {
                            task = context.AddTask(p.Stage);
                            tasks[p.Stage] = task;
                        }

                        task.MaxValue = Math.Max(1, p.Total);
                        task.Value = p.Done;
                    });
                    result = await new RetrainingJob(lake).RunAsync(options, progress, cancellationToken);
                });
            Print(console, result!);
            return 0;
        }
        catch (RetrainingRefusedException exception)
        {
            console.MarkupLineInterpolated($"[red]refused:[/] {exception.Message}");
            return Refused;
        }
        catch (ArgumentException exception)
        {
            console.MarkupLineInterpolated($"[red]bad option:[/] {exception.Message}");
            return 1;
        }
    }

    private static void Print(IAnsiConsole console, RetrainingResult result)
    {
        var table = new Table().AddColumns("hold-out", $"candidate {result.CandidateVersion}", result.Active is null ? "active" : $"active {result.Active.ModelVersion}");
        string F(double value) => value.ToString("0.000", CultureInfo.InvariantCulture);
        table.AddRow("high-shear MAPE %", F(result.Candidate.HighShear.MeanAbsolutePercentageError), result.Active is null ? "—" : F(result.Active.HighShear.MeanAbsolutePercentageError));
        table.AddRow("low-shear MAPE %", F(result.Candidate.LowShear.MeanAbsolutePercentageError), result.Active is null ? "—" : F(result.Active.LowShear.MeanAbsolutePercentageError));
        table.AddRow("accuracy", F(result.Candidate.Classification.Accuracy), result.Active is null ? "—" : F(result.Active.Classification.Accuracy));
        console.Write(table);
        console.MarkupLineInterpolated($"{(result.Activate ? "[green]activate[/]" : "[yellow]keep active[/]")}: {result.Reason}");
        console.MarkupLineInterpolated($"written: {result.ModelPath}, {result.ManifestPath}, {result.ReportPath}");
    }

    private static DateOnly? ParseDate(string? text) =>
        string.IsNullOrEmpty(text) ? null
        : DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date
        : throw new ArgumentException($"'{text}' is not a date like 2026-11-22.");

    private sealed class SynchronousProgress(Action<RetrainingProgress> report) : IProgress<RetrainingProgress>
    {
        public void Report(RetrainingProgress value) => report(value);
    }
}
