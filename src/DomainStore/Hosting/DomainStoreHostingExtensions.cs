using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Visco.DomainStore.Postgres;
using Visco.DomainStore.Sqlite;
using Visco.Grains.Interfaces.Results;

namespace Visco.DomainStore.Hosting;

/// <summary>Adds the results store to the host.</summary>
public static class DomainStoreHostingExtensions
{
    /// <summary>
    /// Registers <see cref="IResultStore"/> from "Visco:Results" (Provider sqlite|postgres, SqlitePath,
    /// PostgresConnectionString, PostgresSchema), defaulting to the runtime's provider and connection string
    /// ("Visco:Storage") and to <c>{Visco:DataDirectory}/results.db</c>; the schema is migrated at start-up.
    /// </summary>
    public static IHostApplicationBuilder AddViscoDomainStore(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = new ResultStoreOptions();
        builder.Configuration.GetSection("Visco:Results").Bind(options);
        options.Provider ??= builder.Configuration["Visco:Storage:Provider"];
        options.PostgresConnectionString ??= builder.Configuration["Visco:Storage:PostgresConnectionString"];
        var dataDirectory = Path.GetFullPath(builder.Configuration["Visco:DataDirectory"] ?? "data");
        builder.Services.AddSingleton(options.Create(dataDirectory));
        builder.Services.AddHostedService<ResultStoreInitializer>();
        return builder;
    }
}
