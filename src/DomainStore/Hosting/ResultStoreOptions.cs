using Visco.DomainStore.Postgres;
using Visco.DomainStore.Sqlite;
using Visco.Grains.Interfaces.Results;

namespace Visco.DomainStore.Hosting;

/// <summary>Settings of the results store (section "Visco:Results").</summary>
public sealed class ResultStoreOptions
{
    /// <summary>"sqlite" (default; also for a "memory" runtime store) or "postgres".</summary>
    public string? Provider { get; set; }

    /// <summary>The SQLite file; default <c>{DataDirectory}/results.db</c>.</summary>
    public string? SqlitePath { get; set; }

    /// <summary>The PostgreSQL connection string (default: the runtime store's).</summary>
    public string? PostgresConnectionString { get; set; }

    /// <summary>The PostgreSQL schema of the results tables.</summary>
    public string PostgresSchema { get; set; } = "visco_results";

    /// <summary>Builds the store these settings name; a wrong setting fails with how to fix it.</summary>
    public IResultStore Create(string dataDirectory) =>
        (Provider ?? "sqlite").ToLowerInvariant() switch
        {
            "sqlite" or "memory" => new SqliteResultStore(SqlitePath ?? Path.Combine(dataDirectory, "results.db")),
            "postgres" => new PostgresResultStore(
                PostgresConnectionString ?? throw new InvalidOperationException(
                    "Visco:Results:Provider is 'postgres' but neither Visco:Results:PostgresConnectionString nor Visco:Storage:PostgresConnectionString is set."),
                PostgresSchema),
            _ => throw new InvalidOperationException($"Visco:Results:Provider is '{Provider}'; use 'sqlite' (default) or 'postgres'."),
        };
}
