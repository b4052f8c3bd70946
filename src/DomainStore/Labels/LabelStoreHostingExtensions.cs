using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Npgsql;
using Visco.Grains.Interfaces.Api;

namespace Visco.DomainStore.Labels;

/// <summary>Adds the label store to the host.</summary>
public static class LabelStoreHostingExtensions
{
    /// <summary>
    /// Registers <see cref="ILabelStore"/> (unless one is registered) from "Visco:Labels" (Provider sqlite|postgres,
    /// SqlitePath, PostgresConnectionString), defaulting to the results store's settings ("Visco:Results", then
    /// "Visco:Storage") and to <c>{Visco:DataDirectory}/labels.db</c>.
    /// </summary>
    public static IHostApplicationBuilder AddViscoLabelStore(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var configuration = builder.Configuration;
        var provider = configuration["Visco:Labels:Provider"] ?? configuration["Visco:Results:Provider"] ?? configuration["Visco:Storage:Provider"] ?? "sqlite";
        var dataDirectory = Path.GetFullPath(configuration["Visco:DataDirectory"] ?? "data");
        var store = provider.ToLowerInvariant() switch
        {
            "sqlite" => CreateSqlite(configuration["Visco:Labels:SqlitePath"] ?? Path.Combine(dataDirectory, "labels.db")),
            "postgres" => CreatePostgres(
                configuration["Visco:Labels:PostgresConnectionString"] ?? configuration["Visco:Results:PostgresConnectionString"] ??
                configuration["Visco:Storage:PostgresConnectionString"] ?? throw new InvalidOperationException(
                    "Visco:Labels:Provider is 'postgres' but no connection string is set: set Visco:Labels:PostgresConnectionString or Visco:Storage:PostgresConnectionString.")),
            _ => throw new InvalidOperationException($"Visco:Labels:Provider is '{provider}'; use 'sqlite' (default) or 'postgres'."),
        };
        builder.Services.TryAddSingleton<ILabelStore>(store);
        return builder;
    }

    /// <summary>A label store in a SQLite file (created if missing).</summary>
    public static SqlLabelStore CreateSqlite(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var connectionString = new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadWriteCreate, Pooling = true }.ToString();
        return new SqlLabelStore(() => new SqliteConnection(connectionString));
    }

    /// <summary>A label store in PostgreSQL (a schema-qualified table's schema is created if missing).</summary>
    public static SqlLabelStore CreatePostgres(string connectionString, string table = SqlLabelStore.DefaultTable) =>
        new(() => new NpgsqlConnection(connectionString), table, createSchema: true);
}
