using System.Data.Common;
using Microsoft.Data.Sqlite;
using Visco.DomainStore.Sql;
using Visco.Grains.Interfaces.Measurements;
using Visco.Grains.Interfaces.Results;

namespace Visco.DomainStore.Sqlite;

/// <summary>
/// The results store in its own SQLite file (by default <c>{DataDirectory}/results.db</c>), apart from the runtime
/// store so its writes never contend with the runtime's writer. WAL: queries never block the writer.
/// <c>synchronous=FULL</c> because the stream checkpoint moves past an event once it is committed here, so a commit
/// lost to a power cut would never be redelivered; group commit keeps the fsync count low.
/// </summary>
public sealed class SqliteResultStore : SqlResultStore
{
    private static readonly IReadOnlyList<SchemaScript> Scripts = SchemaScripts.For("Sqlite");
    private readonly string _connectionString;
    private readonly string _path;

    // One row bound by position (SqliteRowInserter), in InsertInto's column order.
    private const string SingleRowInsert = InsertInto +
        "VALUES (@h, @d, @s, @ta, @ra, @pa, @mv, @ih, @lo, @hi, @c, @cf, @fl, @t, @hc, @fw, @sr, @ss)" + SkipStored;

    // The writer thread's prepared insert and the connection it belongs to (touched by that thread only).
    private SQLitePCL.sqlite3_stmt? _insert;
    private SqliteConnection? _insertOn;

    /// <summary>Creates the store over a database file (created on first use).</summary>
    public SqliteResultStore(string databasePath)
    {
        ArgumentException.ThrowIfNullOrEmpty(databasePath);
        _path = Path.GetFullPath(databasePath);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = _path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
    }

    /// <inheritdoc />
    public override string Location => $"sqlite:{_path}";

    /// <inheritdoc />
    protected override bool BlockingDriver => true;

    /// <inheritdoc />
    /// <remarks>SQLite gets <c>INDEXED BY</c>: with no statistics its planner served a device's page from the hospital's index.</remarks>
    protected override string ResultsUsing(string index) => "results INDEXED BY " + index;

    /// <inheritdoc />
    protected override async Task MigrateAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(_path)!);
        var connection = await OpenAsync(writer: true, cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            await ExecuteAsync(connection, null, "PRAGMA journal_mode = WAL", cancellationToken).ConfigureAwait(false);
            var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                await ExecuteAsync(connection, transaction,
                    "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP)",
                    cancellationToken).ConfigureAwait(false);
                await using var read = connection.CreateCommand();
                read.Transaction = transaction;
                read.CommandText = "SELECT COALESCE(MAX(version), 0) FROM schema_version";
                var current = Convert.ToInt32(await read.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
                await ApplyScriptsAsync(connection, transaction, Scripts, current, Location, cancellationToken).ConfigureAwait(false);
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <inheritdoc />
    /// <remarks>Row by row through one statement bound by position (<see cref="SqliteRowInserter"/>), the cheapest here.
    /// The statement is prepared once per writer connection (the writer thread keeps its connection between groups).</remarks>
    protected override Task<int[]> InsertAsync(
        DbConnection connection, DbTransaction transaction, IReadOnlyList<IReadOnlyList<MeasurementRecorded>> batches, CancellationToken cancellationToken)
    {
        var sqlite = (SqliteConnection)connection;
        if (!ReferenceEquals(_insertOn, sqlite))
        {
            ReleaseInsert();
            _insert = SqliteRowInserter.Prepare(sqlite, SingleRowInsert);
            _insertOn = sqlite;
        }

        return Task.FromResult(SqliteRowInserter.Insert(sqlite, _insert!, batches));
    }

    /// <inheritdoc />
    protected override void OnWriterClosing(DbConnection connection)
    {
        if (ReferenceEquals(_insertOn, connection))
        {
            ReleaseInsert();
        }
    }

    /// <inheritdoc />
    /// <remarks>Straight from SQLite's statement API (<see cref="SqliteRowReader"/>): a third of the calls per value.</remarks>
    private protected override Task<List<(StoredResult Result, long Id, long ReceivedAtMicros)>> ReadRowsAsync(
        DbConnection connection, string sql, IReadOnlyList<(string Name, object? Value)> parameters, string hospitalId, string? deviceId, bool sweep,
        CancellationToken cancellationToken) =>
        Task.FromResult(SqliteRowReader.Read((SqliteConnection)connection, sql, parameters, hospitalId, deviceId, sweep, cancellationToken));

    /// <inheritdoc />
    /// <remarks>Each row written from SQLite's own values (<see cref="SqliteRowReader.WritePage"/>): no row objects.</remarks>
    private protected override Task WritePageJsonAsync(
        DbConnection connection, string sql, IReadOnlyList<(string Name, object? Value)> parameters, string hospitalId, string? deviceId,
        ResultQuery query, System.Buffers.IBufferWriter<byte> output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        using var json = new System.Text.Json.Utf8JsonWriter(output);
        SqliteRowReader.WritePage((SqliteConnection)connection, sql, parameters, hospitalId, deviceId, query.IncludeSweep, query.Limit, json, cancellationToken);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    protected override Task<DbConnection> OpenWriterAsync(CancellationToken cancellationToken) => OpenAsync(writer: true, cancellationToken);

    /// <inheritdoc />
    protected override Task<DbConnection> OpenReaderAsync(CancellationToken cancellationToken) => OpenAsync(writer: false, cancellationToken);

    /// <inheritdoc />
    public override async ValueTask DisposeAsync()
    {
        // The writer's connection goes back to the pool first; pooled connections keep the file open (and its WAL
        // un-checkpointed) until the pool lets go.
        await base.DisposeAsync().ConfigureAwait(false);
        using var connection = new SqliteConnection(_connectionString);
        SqliteConnection.ClearPool(connection);
    }

    private void ReleaseInsert()
    {
        _insert?.Dispose();
        _insert = null;
        _insertOn = null;
    }

    // synchronous=FULL matters to commits only, so a connection opened for a query skips the statement (it was one
    // more prepare and step per API read). The writer's page cache is 32 MiB instead of SQLite's 2 MiB: with the default
    // it re-read the results indexes' pages through pread on every group (a visible share of the writer thread's CPU).
    private async Task<DbConnection> OpenAsync(bool writer, CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            if (writer)
            {
                await ExecuteAsync(connection, null, "PRAGMA synchronous = FULL; PRAGMA cache_size = -32768", cancellationToken).ConfigureAwait(false);
            }

            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private static async Task ExecuteAsync(DbConnection connection, DbTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
