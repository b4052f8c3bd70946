using System.CommandLine;

namespace Visco.Silo.Cli;

/// <summary>
/// The silo's verbs. With no verb (or with host switches such as <c>--Urls=...</c>) the silo runs; a verb does one
/// administrative job and exits: <c>dotnet run --project src/Silo -- create-device-ca</c>.
/// </summary>
public static class SiloCommandLine
{
    private static readonly string[] HelpSwitches = ["--help", "-h", "-?", "help", "--version"];

    /// <summary>Whether the arguments name a verb rather than host settings.</summary>
    public static bool IsVerb(string[] args) =>
        args.Length > 0
        && (HelpSwitches.Contains(args[0]) || Verbs().Any(v => v.Name == args[0] || v.Aliases.Contains(args[0])));

    /// <summary>Runs the verb the arguments name; returns the exit code.</summary>
    public static Task<int> RunAsync(string[] args)
    {
        var root = new RootCommand("ViscoOrleans silo: run it with no verb; these verbs do one job and exit.");
        foreach (var verb in Verbs())
        {
            root.Subcommands.Add(verb);
        }

        return root.Parse(args[0] == "help" ? ["--help"] : args).InvokeAsync();
    }

    private static IEnumerable<Command> Verbs() =>
    [
        DeviceCaCommand.Create(),
        RegisterDevicesCommand.Create(),
        CreateClaimCommand.Create(),
        RevokeDeviceCommand.Create(),
        ReprovisionDeviceCommand.Create(),
        MintTokenCommand.Create(),
        RetrainCommand.Create(),
    ];
}
