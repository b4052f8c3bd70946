using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Visco.Api;
using Visco.Api.Auth;
using Visco.DomainStore.Hosting;
using Visco.Grains.Hosting;
using Visco.Grains.Archive;
using Visco.Silo.Hosting;

namespace Visco.Api.Bench;

/// <summary>The silo with the API on Kestrel (loopback, a free port), composed as the silo composes it.</summary>
internal static class BenchHost
{
    public static async Task<(WebApplication App, Uri Address)> StartAsync(string dataDirectory)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Configuration["Visco:DataDirectory"] = dataDirectory;
        // The bench is one client at 1,000 requests/s: lift the per-client limit above that.
        builder.Configuration["Visco:Api:RateLimitPerSecond"] = "100000";
        builder.Configuration["Visco:Api:RateLimitBurst"] = "100000";
        builder.AddViscoDomainStore();
        builder.AddViscoRuntime();
        builder.AddGrains(ViscoGrains.Assembly);
        builder.AddViscoGrains();
        builder.AddViscoArchive();
        builder.AddViscoApi();
        var app = builder.Build();
        app.UseViscoApi();
        app.MapViscoApi();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        return (app, new Uri(address));
    }

    public static string Token(WebApplication app, string hospitalId) =>
        app.Services.GetRequiredService<TokenIssuer>()
            .Mint(new TokenRequest("bench-clinician", [ApiRoles.Clinician], [hospitalId], TimeSpan.FromHours(1)));
}
