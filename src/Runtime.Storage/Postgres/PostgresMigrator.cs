using Npgsql;

using Visco.Runtime.Storage.Migrations;

namespace Visco.Runtime.Storage.Postgres;

/// <summary>
/// Creates the schema and applies the missing <c>Postgres/Migrations</c> scripts in one transaction (PostgreSQL DDL is
/// transactional) under an advisory lock, so two silos starting together migrate once.
/// </summary>
internal static class PostgresMigrator
{
    public static readonly IReadOnlyList<MigrationScript> Scripts = MigrationScripts.For("Postgres");

    public static int LatestVersion => Scripts.Count;

    public static async Task MigrateAsync(NpgsqlDataSource dataSource, string schema, CancellationToken cancellationToken)
    {
        var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                await ExecuteAsync(connection, $"SELECT pg_advisory_xact_lock(hashtext('visco.migrate.{schema}'))", cancellationToken).ConfigureAwait(false);
                await ExecuteAsync(connection, $"CREATE SCHEMA IF NOT EXISTS \"{schema}\"", cancellationToken).ConfigureAwait(false);
                await ExecuteAsync(connection, $"SET LOCAL search_path TO \"{schema}\"", cancellationToken).ConfigureAwait(false);
                await ExecuteAsync(
                    connection,
                    "CREATE TABLE IF NOT EXISTS schema_version (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())",
                    cancellationToken).ConfigureAwait(false);

                int current;
                await using (var read = new NpgsqlCommand("SELECT coalesce(max(version), 0) FROM schema_version", connection))
                {
                    current = (int)(await read.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
                }

                if (current > LatestVersion)
                {
                    throw new SchemaTooNewException(PostgresErrors.Provider, current, LatestVersion);
                }

                foreach (var script in Scripts.Where(s => s.Version > current))
                {
                    await ExecuteAsync(connection, script.Sql, cancellationToken).ConfigureAwait(false);
                    await using var record = new NpgsqlCommand("INSERT INTO schema_version (version, name) VALUES ($1, $2)", connection);
                    record.Parameters.Add(new NpgsqlParameter<int> { TypedValue = script.Version });
                    record.Parameters.Add(new NpgsqlParameter<string> { TypedValue = script.Name });
                    await record.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }

                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
