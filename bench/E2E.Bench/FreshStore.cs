using Npgsql;

namespace Visco.E2E.Bench;

/// <summary>
/// A store nobody used before, per run: a temp data directory (SQLite files, lake, credentials) and, for PostgreSQL,
/// a new database on the configured server (dropped afterwards), so every schema the silo migrates starts empty.
/// </summary>
internal sealed class FreshStore : IAsyncDisposable
{
    private readonly string? _adminConnectionString;
    private readonly bool _keep;

    private FreshStore(string dataDirectory, string? database, string? adminConnectionString, string? connectionString, bool keep)
    {
        DataDirectory = dataDirectory;
        Database = database;
        _adminConnectionString = adminConnectionString;
        ConnectionString = connectionString;
        _keep = keep;
    }

    public string DataDirectory { get; }

    /// <summary>The PostgreSQL database of this run, or null on SQLite.</summary>
    public string? Database { get; }

    /// <summary>The connection string of <see cref="Database"/>.</summary>
    public string? ConnectionString { get; }

    /// <summary>Environment variables that point a silo process (host or verb) at this store.</summary>
    public IReadOnlyDictionary<string, string> Environment => ConnectionString is null
        ? new Dictionary<string, string> { ["Visco__Storage__Provider"] = "sqlite" }
        : new Dictionary<string, string>
        {
            ["Visco__Storage__Provider"] = "postgres",
            ["Visco__Storage__PostgresConnectionString"] = ConnectionString,
        };

    public static async Task<FreshStore> CreateAsync(BenchOptions options)
    {
        var directory = Directory.CreateTempSubdirectory("visco-e2e-").FullName;
        if (options.Provider != "postgres")
        {
            return new FreshStore(directory, null, null, null, options.Keep);
        }

        var database = $"visco_e2e_{Guid.NewGuid():N}"[..30];
        await using (var connection = new NpgsqlConnection(options.Postgres))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {database}", connection);
            await create.ExecuteNonQueryAsync();
        }

        var builder = new NpgsqlConnectionStringBuilder(options.Postgres) { Database = database };
        return new FreshStore(directory, database, options.Postgres, builder.ConnectionString, options.Keep);
    }

    public async ValueTask DisposeAsync()
    {
        if (_keep)
        {
            Console.WriteLine($"  kept: {DataDirectory}{(Database is null ? string.Empty : ", database " + Database)}");
            return;
        }

        if (Database is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(_adminConnectionString);
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {Database} WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
        }

        Directory.Delete(DataDirectory, recursive: true);
    }
}
