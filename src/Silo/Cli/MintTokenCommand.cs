using System.CommandLine;
using Visco.Api;
using Visco.Api.Auth;

namespace Visco.Silo.Cli;

/// <summary>
/// <c>mint-token</c>: signs an API token with the silo's embedded key (the embedded default has no external
/// authority), for a role and hospitals: <c>mint-token --role clinician --hospital h1 --hours 8</c>.
/// </summary>
internal static class MintTokenCommand
{
    public static Command Create()
    {
        var data = CommonOptions.DataDirectory();
        var role = new Option<string[]>("--role") { Description = "Role(s): clinician, device-admin, ops, data-scientist, service.", Required = true, AllowMultipleArgumentsPerToken = true };
        var hospitals = new Option<string[]>("--hospital") { Description = "Hospital id(s) the token may see.", AllowMultipleArgumentsPerToken = true };
        var subject = new Option<string>("--subject") { Description = "Who the token is for (sub).", DefaultValueFactory = _ => Environment.UserName };
        var hours = new Option<double>("--hours") { Description = "Lifetime in hours.", DefaultValueFactory = _ => 8 };
        var command = new Command("mint-token", "Print a signed API token (embedded mode) for a role and hospitals.")
        {
            data, role, hospitals, subject, hours,
        };
        command.SetAction(result =>
        {
            var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = AppContext.BaseDirectory });
            builder.Configuration["Visco:DataDirectory"] = result.GetValue(data)!.FullName;
            builder.AddViscoApi();
            using var host = builder.Build();
            var issuer = host.Services.GetService<TokenIssuer>();
            if (issuer is null)
            {
                Console.Error.WriteLine("Tokens are minted only in embedded mode; with an external authority, get them from it.");
                return 1;
            }

            Console.WriteLine(issuer.Mint(new TokenRequest(
                result.GetValue(subject)!, result.GetValue(role)!, result.GetValue(hospitals) ?? [], TimeSpan.FromHours(result.GetValue(hours)))));
            return 0;
        });
        return command;
    }
}
