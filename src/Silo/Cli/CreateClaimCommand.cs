using System.CommandLine;
using Visco.Grains.Fleet;

namespace Visco.Silo.Cli;

/// <summary>
/// <c>create-claim</c>: creates a provisioning claim for a hospital — the shared credential new analysers use once to
/// obtain their own certificate over MQTT — and writes it to <c>{out}/{claimId}.json</c> (owner-only).
/// </summary>
internal static class CreateClaimCommand
{
    public static Command Create()
    {
        var data = CommonOptions.DataDirectory();
        var hospital = new Option<string>("--hospital") { Description = "The hospital whose registered devices the claim may provision.", Required = true };
        var days = new Option<double>("--days") { Description = "How long the claim works.", DefaultValueFactory = _ => 7 };
        var output = new Option<DirectoryInfo?>("--out") { Description = "Where to write the claim (default <data>/claims)." };
        var command = new Command("create-claim", "Create a provisioning claim credential for a hospital (run while the silo is stopped).")
        {
            data, hospital, days, output,
        };
        command.SetAction(async (result, cancellationToken) =>
        {
            var hospitalId = result.GetValue(hospital)!;
            var dataDirectory = result.GetValue(data)!.FullName;
            var folder = result.GetValue(output)?.FullName ?? Path.Combine(dataDirectory, "claims");
            string? claimId = null;
            await OfflineSilo.RunAsync(dataDirectory, async (services, grains) =>
            {
                var registrar = services.GetRequiredService<DeviceRegistrar>();
                await OfflineSilo.EnsureHospitalAsync(registrar, grains, hospitalId, cancellationToken);
                var claim = await registrar.CreateClaimAsync(hospitalId, TimeSpan.FromDays(result.GetValue(days)), cancellationToken);
                claimId = claim.ClaimId;
                await OfflineSilo.WriteSecretFileAsync(folder, $"{claim.ClaimId}.json", claim, cancellationToken);
            }, cancellationToken);
            Console.WriteLine($"Claim {claimId} for hospital {hospitalId} written to {folder}.");
            return 0;
        });
        return command;
    }
}
