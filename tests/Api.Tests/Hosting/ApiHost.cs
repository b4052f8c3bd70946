using System.Net.Http.Headers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Visco.Api;
using Visco.Api.Auth;
using Visco.DomainStore.Hosting;
using Visco.DomainStore.Labels;
using Visco.Grains.Archive;
using Visco.Grains.Hosting;
using Visco.Grains.Interfaces.Ingress;
using Visco.Grains.Interfaces.Results;
using Visco.Runtime.Abstractions;
using Visco.Runtime.Abstractions.Streams;
using Visco.Runtime.Hosting;
using Visco.Silo.Hosting;
using Visco.TestKit;

namespace Visco.Api.Tests.Hosting;

/// <summary>
/// The real silo (runtime on SQLite by default, domain grains, results store) with the API, in-process on a test
/// server and its own data directory, composed the way the silo's Program composes it. The bootstrap model is not
/// trained (tests that need a model register one), and the MQTT front door is a recording fake.
/// </summary>
public sealed class ApiHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly bool _ownsDirectory;

    private ApiHost(WebApplication app, string dataDirectory, bool ownsDirectory)
    {
        _app = app;
        DataDirectory = dataDirectory;
        _ownsDirectory = ownsDirectory;
        Client = app.GetTestClient();
    }

    /// <summary>The data directory.</summary>
    public string DataDirectory { get; }

    /// <summary>An HTTP client without a token.</summary>
    public HttpClient Client { get; }

    /// <summary>The host's services.</summary>
    public IServiceProvider Services => _app.Services;

    /// <summary>Grain references.</summary>
    public IGrainFactory Grains => Services.GetRequiredService<IGrainFactory>();

    /// <summary>The results store.</summary>
    public IResultStore Results => Services.GetRequiredService<IResultStore>();

    /// <summary>The front door's fake.</summary>
    public RecordingDeviceConnections Connections => (RecordingDeviceConnections)Services.GetRequiredService<IDeviceConnections>();

    /// <summary>Mints tokens with the deployment's key.</summary>
    public TokenIssuer Tokens => Services.GetRequiredService<TokenIssuer>();

    /// <summary>Starts a host; <paramref name="configure"/> may replace services (an audit log, a label store).</summary>
    public static async Task<ApiHost> StartAsync(
        IDictionary<string, string?>? settings = null, Action<IServiceCollection>? configure = null, string? dataDirectory = null)
    {
        var owns = dataDirectory is null;
        dataDirectory ??= Directory.CreateTempSubdirectory("visco-api-").FullName;
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.WebHost.UseTestServer();
        builder.Configuration["Visco:DataDirectory"] = dataDirectory;
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            builder.Configuration[key] = value;
        }

        builder.AddViscoRuntime();
        builder.Services.AddSingleton(new GrainAssembly(ViscoGrains.Assembly));
        builder.Services.AddViscoGrainServices(new GrainsOptions(), dataDirectory);
        builder.Services.TryAddSingleton<IDeviceConnections, RecordingDeviceConnections>();
        builder.AddViscoDomainStore();
        builder.AddViscoLabelStore();
        builder.AddViscoArchive();
        builder.Services.AddSingleton<IStreamProvider>(p => p.GetRequiredService<SiloHost>().GetStreamProvider("durable"));
        configure?.Invoke(builder.Services);
        builder.AddViscoApi();

        var app = builder.Build();
        try
        {
            app.UseViscoApi();
            app.MapViscoApi();
            await app.StartAsync();
        }
        catch
        {
            // Tests of refused configurations end here; their folder goes with them.
            await ReleaseAsync(app, dataDirectory, owns);
            throw;
        }

        return new ApiHost(app, dataDirectory, owns);
    }

    /// <summary>A client carrying a freshly minted token.</summary>
    public HttpClient ClientFor(string role, params string[] hospitals) => ClientWith(Mint(role, hospitals));

    /// <summary>A client carrying the given token.</summary>
    public HttpClient ClientWith(string token)
    {
        var client = _app.GetTestClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>A token for one role and hospitals, subject "{role}-user".</summary>
    public string Mint(string role, params string[] hospitals) =>
        Tokens.Mint(new TokenRequest($"{role}-user", [role], hospitals, TimeSpan.FromHours(1)));

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await ReleaseAsync(_app, DataDirectory, _ownsDirectory);
    }

    private static async Task ReleaseAsync(WebApplication app, string dataDirectory, bool owns)
    {
        await app.DisposeAsync();
        SqliteConnection.ClearAllPools();
        if (owns)
        {
            TemporaryDirectory.Delete(dataDirectory);
        }
    }
}
