using System.Data.Common;
using Npgsql;
using Visco.DomainStore.Sql;
using Visco.Grains.Interfaces.Measurements;

namespace Visco.DomainStore.Postgres;

/// <summary>
/// The results store in its own PostgreSQL schema (default "visco_results"). The schema is created and migrated in
/// one transaction under an advisory lock, so several silos starting together migrate once.
/// </summary>
public sealed class PostgresResultStore : SqlResultStore
{
    private static readonly IReadOnlyList<SchemaScript> Scripts = SchemaScripts.For("Postgres");
    private readonly NpgsqlDataSource _dataSource;
    private readonly string _schema;

    /// <summary>Creates the store; nothing is opened until first use.</summary>
    public PostgresResultStore(string connectionString, string schema = "visco_results")
    {
        ArgumentException.ThrowIfNullOrEmpty(connectionString);
        ArgumentException.ThrowIfNullOrEmpty(schema);
        if (!schema.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '_'))
        {
            throw new ArgumentException($"Schema '{schema}' must be lower-case ASCII letters, digits and '_'.", nameof(schema));
        }

        _schema = schema;
        var builder = new NpgsqlConnectionStringBuilder(connectionString) { SearchPath = schema };
        if (builder.MaxAutoPrepare == 0)
        {
            // The insert and the API's few query shapes run hundreds of times a second: prepared once per connection.
            builder.MaxAutoPrepare = 32;
            builder.AutoPrepareMinUsages = 2;
        }

        Location = $"postgres:{builder.Host}:{builder.Port}/{builder.Database} (schema {schema})";
        _dataSource = NpgsqlDataSource.Create(builder);
    }

    /// <inheritdoc />
    public override string Location { get; }

    /// <inheritdoc />
    protected override async Task MigrateAsync(CancellationToken cancellationToken)
    {
        var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                await ExecuteAsync(connection, $"SELECT pg_advisory_xact_lock(hashtext('visco.results.migrate.{_schema}'))", cancellationToken).ConfigureAwait(false);
                await ExecuteAsync(connection, $"CREATE SCHEMA IF NOT EXISTS \"{_schema}\"", cancellationToken).ConfigureAwait(false);
                await ExecuteAsync(connection, $"SET LOCAL search_path TO \"{_schema}\"", cancellationToken).ConfigureAwait(false);
                await ExecuteAsync(connection,
                    "CREATE TABLE IF NOT EXISTS schema_version (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())",
                    cancellationToken).ConfigureAwait(false);
                int current;
                await using (var read = new NpgsqlCommand("SELECT coalesce(max(version), 0) FROM schema_version", connection))
                {
                    current = (int)(await read.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
                }

                await ApplyScriptsAsync(connection, transaction, Scripts, current, Location, cancellationToken).ConfigureAwait(false);
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <inheritdoc />
    /// <remarks>One statement over column arrays (<see cref="PostgresRowInserter"/>).</remarks>
    protected override Task<int[]> InsertAsync(
        DbConnection connection, DbTransaction transaction, IReadOnlyList<IReadOnlyList<MeasurementRecorded>> batches, CancellationToken cancellationToken) =>
        PostgresRowInserter.InsertAsync((NpgsqlConnection)connection, (NpgsqlTransaction)transaction, batches, cancellationToken);

    /// <inheritdoc />
    protected override async Task<DbConnection> OpenWriterAsync(CancellationToken cancellationToken) =>
        await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);

    /// <inheritdoc />
    protected override async Task<DbConnection> OpenReaderAsync(CancellationToken cancellationToken) =>
        await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);

    /// <inheritdoc />
    public override async ValueTask DisposeAsync()
    {
        await _dataSource.DisposeAsync().ConfigureAwait(false);
        await base.DisposeAsync().ConfigureAwait(false);
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
