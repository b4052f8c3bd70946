using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Visco.Silo.Hosting;

namespace Visco.Silo.Tests;

/// <summary>The real silo in-process, on its own data directory, with this assembly's test grains.</summary>
public sealed class SiloFactory(string dataDirectory, IDictionary<string, string?>? settings = null) : WebApplicationFactory<Program>
{
    /// <summary>Where the silo keeps its SQLite file.</summary>
    public string DataDirectory { get; } = dataDirectory;

    /// <inheritdoc />
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Visco:DataDirectory", DataDirectory);
        builder.UseSetting("Visco:Grains:BootstrapSweepCount", "3000"); // a small bootstrap model: readiness in a second
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureServices(services => services.AddSingleton(new GrainAssembly(typeof(SiloFactory).Assembly)));
    }
}
