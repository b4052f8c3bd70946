using Microsoft.Data.Sqlite;

using Visco.Runtime.Abstractions.State;

namespace Visco.Runtime.Storage.Sqlite;

/// <summary>Turns SQLite failures into StorageUnavailableException messages that say what to do.</summary>
internal static class SqliteErrors
{
    public const string Provider = "sqlite";

    public static StorageUnavailableException Unavailable(string databasePath, string operation, string target, Exception error)
    {
        var detail = error switch
        {
            SqliteException { SqliteErrorCode: 5 or 6 } =>
                $"SQLite database {databasePath} is locked by another process; close the program holding it or raise BusyTimeout.",
            SqliteException { SqliteErrorCode: 13 } => $"the disk holding SQLite database {databasePath} is full; free space.",
            SqliteException { SqliteErrorCode: 14 } =>
                $"SQLite database {databasePath} cannot be opened; check the directory exists and is writable.",
            SqliteException { SqliteErrorCode: 8 } => $"SQLite database {databasePath} is read-only; check its file permissions.",
            SqliteException { SqliteErrorCode: 1 } e when e.Message.Contains("no such table", StringComparison.Ordinal) =>
                $"SQLite database {databasePath} has no runtime tables; call InitializeAsync before using the store.",
            SqliteException { SqliteErrorCode: 11 or 26 } => $"SQLite database {databasePath} is corrupt or not a database.",
            SqliteException e => $"SQLite database {databasePath} failed with error {e.SqliteErrorCode}: {e.Message}",
            _ => $"SQLite database {databasePath}: {error.Message}",
        };
        return StorageErrors.Unavailable(Provider, operation, target, detail, error);
    }
}
