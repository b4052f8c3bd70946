using System.Threading.Channels;

using Microsoft.Data.Sqlite;

namespace Visco.Runtime.Storage.Sqlite;

/// <summary>
/// Copies WAL pages back into the database file on a connection of its own. Left to SQLite's auto-checkpoint, that
/// copy and its fsync run inside whichever commit crosses the threshold, and every write in that batch waits for
/// it (the p99 of a write). A PASSIVE checkpoint beside the writer never blocks it; the writer keeps a much higher
/// auto-checkpoint threshold only as a backstop that bounds the WAL if this loop falls behind.
/// </summary>
internal sealed class SqliteCheckpointer : IAsyncDisposable
{
    /// <summary>Commits between checkpoint requests: each run then has enough pages to be worth its fsync.</summary>
    public const int CommitsPerCheckpoint = 32;

    private readonly SqliteConnections _connections;
    private readonly Channel<bool> _requests = Channel.CreateBounded<bool>(
        new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });

    private readonly Task _loop;

    public SqliteCheckpointer(SqliteConnections connections)
    {
        _connections = connections;
        _loop = Task.Run(RunAsync);
    }

    /// <summary>Asks for a checkpoint; requests made while one is pending coalesce.</summary>
    public void Request() => _requests.Writer.TryWrite(true);

    public async ValueTask DisposeAsync()
    {
        _requests.Writer.TryComplete();
        await _loop.ConfigureAwait(false);
    }

    private async Task RunAsync()
    {
        SqliteConnection? connection = null;
        try
        {
            while (await _requests.Reader.WaitToReadAsync().ConfigureAwait(false))
            {
                _requests.Reader.TryRead(out _);
                try
                {
                    connection ??= _connections.Open(writer: false);
                    using var checkpoint = connection.CreateCommand();
                    checkpoint.CommandText = "PRAGMA wal_checkpoint(PASSIVE)";
                    checkpoint.ExecuteNonQuery();
                }
                catch (SqliteException)
                {
                    // A locked or failing database: the writer reports that to its callers. Skipping a checkpoint
                    // loses nothing (the WAL is durable); the next request retries on a fresh connection.
                    connection?.Dispose();
                    connection = null;
                }
            }
        }
        finally
        {
            connection?.Dispose();
        }
    }
}
