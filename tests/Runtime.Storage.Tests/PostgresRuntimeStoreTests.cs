using Npgsql;

using Visco.Runtime.Abstractions;
using Visco.Runtime.Abstractions.Storage;
using Visco.Runtime.Storage.Postgres;
using Visco.TestKit;

namespace Visco.Runtime.Storage.Tests;

/// <summary>
/// The conformance suite against <see cref="PostgresRuntimeStore"/>, each test in its own schema of the test database
/// (dropped afterwards). Skipped with TestKit's reason when PostgreSQL is unreachable outside CI.
/// </summary>
[RequiresPostgres]
public sealed partial class PostgresRuntimeStoreTests : RuntimeStoreConformanceTests
{
    private readonly string _schema = $"visco_t_{Guid.NewGuid():N}"[..24];

    /// <inheritdoc />
    protected override int LatestSchemaVersion => PostgresRuntimeStore.LatestSchemaVersion;

    /// <inheritdoc />
    protected override Task<IRuntimeStore> CreateStoreAsync() =>
        Task.FromResult<IRuntimeStore>(new PostgresRuntimeStore(Options(TestEnvironment.PostgresConnectionString)));

    /// <inheritdoc />
    protected override async Task<int> ReadSchemaVersionAsync() =>
        (int)(await ScalarAsync($"SELECT max(version) FROM \"{_schema}\".schema_version"))!;

    /// <inheritdoc />
    protected override Task SetSchemaVersionAsync(int version) =>
        ScalarAsync($"INSERT INTO \"{_schema}\".schema_version (version, name) VALUES ({version}, 'from_a_newer_build.sql')");

    /// <inheritdoc />
    protected override async Task OverwriteStateAsync(GrainId grainId, string stateName, byte[] data)
    {
        await using var connection = await OpenRawAsync();
        await using var command = new NpgsqlCommand(
            $"UPDATE \"{_schema}\".grain_state SET data = $1 WHERE grain_id = $2 AND state_name = $3", connection);
        command.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = data });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = grainId.ToString() });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = stateName });
        Assert.Equal(1, await command.ExecuteNonQueryAsync());
    }

    /// <inheritdoc />
    protected override Task DropBackingAsync() => ScalarAsync($"DROP SCHEMA IF EXISTS \"{_schema}\" CASCADE");

    private PostgresStoreOptions Options(string connectionString) => new() { ConnectionString = connectionString, Schema = _schema };

    private static async Task<NpgsqlConnection> OpenRawAsync()
    {
        var connection = new NpgsqlConnection(TestEnvironment.PostgresConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    private static async Task<object?> ScalarAsync(string sql)
    {
        await using var connection = await OpenRawAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }
}
