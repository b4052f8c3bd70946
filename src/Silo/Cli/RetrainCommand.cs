using System.CommandLine;
using Visco.Grains.Interfaces.Models;
using Visco.Lake.Storage;
using Visco.Retraining;

namespace Visco.Silo.Cli;

/// <summary>
/// <c>retrain</c>: runs the retraining job on the silo's lake, registers the candidate with the model registry, and
/// activates it when asked or when it beats the active model by the margin. Run it while the silo is stopped; the
/// running silo's inference pool picks up a version activated through the API within a second.
/// </summary>
internal static class RetrainCommand
{
    public static Command Create()
    {
        var data = CommonOptions.DataDirectory();
        var hospitals = new Option<string[]>("--hospital") { Description = "Hospitals to train on (default: all).", AllowMultipleArgumentsPerToken = true };
        var from = new Option<DateOnly?>("--from") { Description = "First date of lake partitions to read." };
        var to = new Option<DateOnly?>("--to") { Description = "Last date of lake partitions to read." };
        var activate = new Option<bool>("--activate") { Description = "Activate the candidate whatever the comparison says." };
        var margin = new Option<double>("--margin") { Description = "Relative improvement of hold-out MAPE that activates the candidate.", DefaultValueFactory = _ => 0.05 };
        var command = new Command("retrain", "Train a candidate model from the lake and labels; register it, activate it if it wins (silo stopped).")
        {
            data, hospitals, from, to, activate, margin,
        };
        command.SetAction(async (result, cancellationToken) =>
        {
            var exit = 0;
            await OfflineSilo.RunAsync(result.GetValue(data)!.FullName, async (services, grains) =>
            {
                var registry = grains.GetGrain<IModelRegistryGrain>(IModelRegistryGrain.DefaultKey);
                var lake = services.GetRequiredService<ILakeStore>();
                RetrainingResult outcome;
                try
                {
                    outcome = await new RetrainingJob(lake).RunAsync(
                        new RetrainingOptions
                        {
                            Hospitals = result.GetValue(hospitals) is { Length: > 0 } chosen ? chosen.ToHashSet() : null,
                            From = result.GetValue(from) ?? DateOnly.MinValue,
                            To = result.GetValue(to) ?? DateOnly.MaxValue,
                            ActiveVersion = await registry.GetActiveVersion(cancellationToken),
                            ForceActivate = result.GetValue(activate),
                            ActivationMargin = result.GetValue(margin),
                            RequestedBy = "silo retrain",
                        },
                        progress: null,
                        cancellationToken);
                }
                catch (RetrainingRefusedException refused)
                {
                    Console.Error.WriteLine($"Retraining refused: {refused.Message}");
                    exit = 2;
                    return;
                }

                await using var model = await lake.OpenReadAsync(outcome.ModelPath, cancellationToken);
                using var bytes = new MemoryStream();
                await model.CopyToAsync(bytes, cancellationToken);
                await registry.Register(bytes.ToArray(), "silo retrain", cancellationToken);
                if (outcome.Activate)
                {
                    await registry.Activate(outcome.CandidateVersion, "silo retrain", cancellationToken);
                }

                Console.WriteLine($"Model {outcome.CandidateVersion} registered{(outcome.Activate ? " and activated" : string.Empty)}: {outcome.Reason}. Report: {outcome.ReportPath}");
            }, cancellationToken);
            return exit;
        });
        return command;
    }
}
