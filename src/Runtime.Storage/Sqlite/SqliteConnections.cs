using Microsoft.Data.Sqlite;

namespace Visco.Runtime.Storage.Sqlite;

/// <summary>Opens the store's connections with the settings every one of them needs.</summary>
internal sealed class SqliteConnections(SqliteStoreOptions options)
{
    private readonly string _connectionString = new SqliteConnectionStringBuilder
    {
        DataSource = options.DatabasePath,
        Mode = SqliteOpenMode.ReadWriteCreate,

        // The store keeps its own connections; a pooled one would keep the file open after the store is disposed.
        Pooling = false,
        DefaultTimeout = BusySeconds(options.BusyTimeout),
    }.ToString();

    public string DatabasePath => options.DatabasePath;

    public SqliteConnection Open(bool writer)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            connection.Open();
            var pragmas = $"PRAGMA busy_timeout = {(long)options.BusyTimeout.TotalMilliseconds}; PRAGMA cache_size = -{options.CacheSizeKiB};";
            if (writer)
            {
                // WAL: readers never block the writer or each other. synchronous: see SqliteStoreOptions.FullSync.
                pragmas += "PRAGMA journal_mode = WAL;" + (options.FullSync ? "PRAGMA synchronous = FULL;" : "PRAGMA synchronous = NORMAL;");
                if (options.CheckpointInBackground)
                {
                    // Backstop only (about 40 MB of WAL); SqliteCheckpointer normally keeps the WAL far smaller.
                    pragmas += "PRAGMA wal_autocheckpoint = 10000;";
                }
            }

            using var command = connection.CreateCommand();
            command.CommandText = pragmas;
            command.ExecuteNonQuery();
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>Microsoft.Data.Sqlite retries a busy database until the command timeout, which is in whole seconds.</summary>
    private static int BusySeconds(TimeSpan busy) => Math.Max(1, (int)Math.Ceiling(busy.TotalSeconds));
}
