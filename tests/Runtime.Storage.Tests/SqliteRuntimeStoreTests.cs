using Microsoft.Data.Sqlite;

using Visco.Runtime.Abstractions;
using Visco.Runtime.Abstractions.Storage;
using Visco.Runtime.Storage.Sqlite;
using Visco.TestKit;

namespace Visco.Runtime.Storage.Tests;

/// <summary>The conformance suite against <see cref="SqliteRuntimeStore"/> on a file in a fresh temporary directory.</summary>
public sealed partial class SqliteRuntimeStoreTests : RuntimeStoreConformanceTests
{
    private readonly string _directory = Directory.CreateTempSubdirectory("visco-sqlite-").FullName;
    private TimeSpan _busyTimeout = TimeSpan.FromSeconds(5);
    private TimeSpan _commitLinger = new SqliteStoreOptions().CommitLinger;

    /// <inheritdoc />
    protected override int LatestSchemaVersion => SqliteRuntimeStore.LatestSchemaVersion;

    private string DatabasePath => Path.Combine(_directory, "runtime.db");

    /// <inheritdoc />
    protected override Task<IRuntimeStore> CreateStoreAsync() => Task.FromResult<IRuntimeStore>(new SqliteRuntimeStore(Options()));

    private SqliteStoreOptions Options() => new() { DatabasePath = DatabasePath, BusyTimeout = _busyTimeout, CommitLinger = _commitLinger };

    /// <inheritdoc />
    protected override Task<int> ReadSchemaVersionAsync() =>
        Task.FromResult(Convert.ToInt32(Scalar("SELECT max(version) FROM schema_version"), System.Globalization.CultureInfo.InvariantCulture));

    /// <inheritdoc />
    protected override Task SetSchemaVersionAsync(int version)
    {
        Scalar($"INSERT INTO schema_version (version, name, applied_at) VALUES ({version}, 'from_a_newer_build.sql', 0)");
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    protected override Task OverwriteStateAsync(GrainId grainId, string stateName, byte[] data)
    {
        using var connection = OpenRaw();
        using var command = connection.CreateCommand();
        command.CommandText = "UPDATE grain_state SET data = $d WHERE grain_id = $g AND state_name = $s";
        command.Parameters.AddWithValue("$d", data);
        command.Parameters.AddWithValue("$g", grainId.ToString());
        command.Parameters.AddWithValue("$s", stateName);
        Assert.Equal(1, command.ExecuteNonQuery());
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    protected override Task DropBackingAsync()
    {
        TemporaryDirectory.Delete(_directory);
        return Task.CompletedTask;
    }

    private SqliteConnection OpenRaw()
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = DatabasePath, Pooling = false }.ToString());
        connection.Open();
        return connection;
    }

    private object? Scalar(string sql)
    {
        using var connection = OpenRaw();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }
}
