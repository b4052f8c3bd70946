using Npgsql;

namespace Visco.TestKit;

/// <summary>A throw-away PostgreSQL schema for one test, dropped on dispose.</summary>
public sealed class PostgresTestSchema : IAsyncDisposable
{
    /// <summary>A fresh, unique schema name (nothing is created until the store initializes it).</summary>
    public string Name { get; } = $"t_{Guid.NewGuid():N}"[..20];

    /// <summary>The test server's connection string.</summary>
    public string ConnectionString => TestEnvironment.PostgresConnectionString;

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        try
        {
            await using var connection = new NpgsqlConnection(ConnectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"DROP SCHEMA IF EXISTS \"{Name}\" CASCADE", connection);
            await command.ExecuteNonQueryAsync();
        }
        catch (NpgsqlException)
        {
            // Unreachable server: the test was skipped or already failed for that reason.
        }
        catch (System.Net.Sockets.SocketException)
        {
            // Same.
        }
    }
}
