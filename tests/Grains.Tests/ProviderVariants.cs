using Microsoft.Data.Sqlite;
using Npgsql;
using Visco.DomainStore.Postgres;
using Visco.DomainStore.Sqlite;
using Visco.Grains.Interfaces.Results;
using Visco.Runtime.Abstractions.Storage;
using Visco.Runtime.Storage.Postgres;
using Visco.Runtime.Storage.Sqlite;
using Visco.TestKit;

// The provider subclasses of the durability suite, side by side: each only says how to open its stores.
namespace Visco.Grains.Tests;

/// <summary>Durability on SQLite (runtime store and results store in separate files).</summary>
public sealed class SqliteDurabilityTests : DurabilityTests
{
    private readonly string _directory = Directory.CreateTempSubdirectory("visco-durability-").FullName;

    private string ResultsPath => Path.Combine(_directory, "results.db");

    /// <inheritdoc />
    protected override IRuntimeStore CreateStore(TimeProvider time) =>
        new SqliteRuntimeStore(new SqliteStoreOptions { DatabasePath = Path.Combine(_directory, "visco.db") }, time);

    /// <inheritdoc />
    protected override IResultStore CreateResultStore() => new SqliteResultStore(ResultsPath);

    /// <inheritdoc />
    protected override async Task ExecuteOnResultsAsync(string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={ResultsPath}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    /// <inheritdoc />
    public override Task DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        TemporaryDirectory.Delete(_directory);
        return Task.CompletedTask;
    }
}

/// <summary>Durability on PostgreSQL (runtime store and results store in separate schemas).</summary>
[RequiresPostgres]
public sealed class PostgresDurabilityTests : DurabilityTests
{
    private readonly PostgresTestSchema _runtimeSchema = new();
    private readonly PostgresTestSchema _resultsSchema = new();

    /// <inheritdoc />
    protected override IRuntimeStore CreateStore(TimeProvider time) =>
        new PostgresRuntimeStore(new PostgresStoreOptions { ConnectionString = _runtimeSchema.ConnectionString, Schema = _runtimeSchema.Name }, time);

    /// <inheritdoc />
    protected override IResultStore CreateResultStore() => new PostgresResultStore(_resultsSchema.ConnectionString, _resultsSchema.Name);

    /// <inheritdoc />
    protected override async Task ExecuteOnResultsAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(_resultsSchema.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"SET search_path TO \"{_resultsSchema.Name}\"; {sql}", connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <inheritdoc />
    public override async Task DisposeAsync()
    {
        await _runtimeSchema.DisposeAsync();
        await _resultsSchema.DisposeAsync();
    }
}
