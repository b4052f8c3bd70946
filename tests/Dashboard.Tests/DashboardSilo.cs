using System.Net;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.Tokens;
using Visco.Runtime.Abstractions;
using Visco.Runtime.Metrics;
using Visco.Silo.Health;
using Visco.Silo.Hosting;
using Visco.TestKit;

namespace Visco.Dashboard.Tests;

/// <summary>
/// The silo's web app as Program.cs composes it plus the dashboard's two lines, on Kestrel at a real loopback port
/// (the browser needs a socket), with this assembly's test grains and the memory store.
/// </summary>
internal sealed class DashboardSilo : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly string _data;

    private DashboardSilo(WebApplication app, string data)
    {
        _app = app;
        _data = data;
        Address = new Uri(app.Urls.First());
    }

    public Uri Address { get; }

    public IGrainFactory Grains => _app.Services.GetRequiredService<IGrainFactory>();

    public IServiceProvider Services => _app.Services;

    /// <summary>Starts it. <paramref name="jwt"/> adds JWT bearer authentication; <paramref name="remote"/> makes every request look as if it came from that address.</summary>
    public static async Task<DashboardSilo> StartAsync(
        IDictionary<string, string?>? settings = null, bool jwt = false, IPAddress? remote = null)
    {
        var data = Directory.CreateTempSubdirectory("visco-dashboard-").FullName;
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Visco:DataDirectory"] = data,
            ["Visco:Storage:Provider"] = "memory",
        });
        builder.Configuration.AddInMemoryCollection(settings ?? new Dictionary<string, string?>());
        builder.AddViscoRuntime();
        builder.Services.AddSingleton(new GrainAssembly(typeof(LoadGrain).Assembly));
        if (jwt)
        {
            builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer(o =>
            {
                o.MapInboundClaims = false;
                o.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidIssuer = TestTokens.Issuer,
                    ValidAudience = TestTokens.Audience,
                    IssuerSigningKey = TestTokens.Key,
                    RoleClaimType = "role",
                };
            });
        }

        builder.AddViscoDashboard();
        var app = builder.Build();
        try
        {
            if (remote is not null)
            {
                app.Use((context, next) =>
                {
                    context.Connection.RemoteIpAddress = remote;
                    return next(context);
                });
            }

            app.Services.GetRequiredService<MetricsCollector>();
            app.MapOperations();
            app.MapViscoDashboard();
            await app.StartAsync();
            return new DashboardSilo(app, data);
        }
        catch
        {
            await app.DisposeAsync();
            TemporaryDirectory.Delete(data);
            throw;
        }
    }

    public HttpClient CreateClient(string? token = null)
    {
        var client = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(30) };
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        }

        return client;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        SqliteConnection.ClearAllPools();
        TemporaryDirectory.Delete(_data);
    }
}
