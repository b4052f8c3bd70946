using System.Threading.Channels;

using Microsoft.Data.Sqlite;

namespace Visco.Runtime.Storage.Sqlite;

/// <summary>
/// Copies WAL pages back into the database file on a connection of its own. Left to SQLite's auto-checkpoint, that
/// copy and its fsync run inside whichever commit crosses the threshold, and every write in that batch waits for
/// it (the p99 of a write). A PASSIVE checkpoint beside the writer never blocks it; the writer keeps a much higher
/// auto-checkpoint threshold only as a backstop that bounds the WAL if this loop falls behind. Shared by the runtime
/// store and the results store (<c>src/DomainStore</c>): each asks for a checkpoint at its own pace.
/// </summary>
public sealed class SqliteCheckpointer : IAsyncDisposable
{
    /// <summary>Commits between checkpoint requests: each run then has enough pages to be worth its fsync.</summary>
    internal const int CommitsPerCheckpoint = 32;

    private readonly Func<SqliteConnection> _open;
    private readonly Channel<bool> _requests = Channel.CreateBounded<bool>(
        new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });

    private readonly Task _loop;

    /// <summary>Starts the loop; <paramref name="open"/> opens a connection to the database (not its writer's).</summary>
    public SqliteCheckpointer(Func<SqliteConnection> open)
    {
        ArgumentNullException.ThrowIfNull(open);
        _open = open;
        _loop = Task.Run(RunAsync);
    }

    internal SqliteCheckpointer(SqliteConnections connections)
        : this(() => connections.Open(writer: false))
    {
    }

    /// <summary>Asks for a checkpoint; requests made while one is pending coalesce.</summary>
    public void Request() => _requests.Writer.TryWrite(true);

    /// <summary>Stops the loop after the checkpoint under way, if any.</summary>
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
                    connection ??= _open();
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
