using System.Net.Sockets;

using Npgsql;

using Visco.Runtime.Abstractions.State;

namespace Visco.Runtime.Storage.Postgres;

/// <summary>Turns Npgsql failures into StorageUnavailableException messages that say what to do.</summary>
internal static class PostgresErrors
{
    public const string Provider = "postgres";

    public static StorageUnavailableException Unavailable(string server, string operation, string target, Exception error)
    {
        var detail = error switch
        {
            PostgresException { SqlState: "57P01" or "57P02" or "57P03" } e =>
                $"PostgreSQL at {server} is shutting down or restarting ({e.SqlState}: {e.MessageText}); retry once it is back.",
            PostgresException { SqlState: "53300" } =>
                $"PostgreSQL at {server} has no free connection slots; raise max_connections or lower the pool size.",
            PostgresException { SqlState: "42P01" } =>
                $"a table is missing in PostgreSQL at {server}; call InitializeAsync before using the store.",
            PostgresException e => $"PostgreSQL at {server} failed with {e.SqlState}: {e.MessageText}",
            NpgsqlException { InnerException: SocketException or IOException or TimeoutException } or TimeoutException =>
                $"cannot reach PostgreSQL at {server} ({error.GetBaseException().Message}); check the server is running and reachable.",
            _ => $"PostgreSQL at {server}: {error.Message}",
        };
        return StorageErrors.Unavailable(Provider, operation, target, detail, error);
    }

    /// <summary>Whether <paramref name="error"/> comes from the database or the network rather than from a bug.</summary>
    public static bool IsStorageFailure(Exception error) =>
        error is NpgsqlException or IOException or SocketException or TimeoutException or InvalidOperationException;
}
