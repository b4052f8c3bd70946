using System.Globalization;

using Microsoft.Data.Sqlite;

using Visco.Runtime.Storage.Migrations;

namespace Visco.Runtime.Storage.Sqlite;

/// <summary>
/// Applies the missing <c>Sqlite/Migrations</c> scripts in one <c>BEGIN IMMEDIATE</c> transaction (SQLite DDL is
/// transactional, so a failed script leaves the previous version intact) and records each in <c>schema_version</c>.
/// </summary>
internal static class SqliteMigrator
{
    public static readonly IReadOnlyList<MigrationScript> Scripts = MigrationScripts.For("Sqlite");

    public static int LatestVersion => Scripts.Count;

    public static void Migrate(SqliteConnection connection, TimeProvider timeProvider)
    {
        Execute(connection, "BEGIN IMMEDIATE");
        try
        {
            Execute(connection, "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)");
            using (var read = connection.CreateCommand())
            {
                read.CommandText = "SELECT coalesce(max(version), 0) FROM schema_version";
                var current = Convert.ToInt32(read.ExecuteScalar(), CultureInfo.InvariantCulture);
                if (current > LatestVersion)
                {
                    throw new SchemaTooNewException(SqliteErrors.Provider, current, LatestVersion);
                }

                foreach (var script in Scripts.Where(s => s.Version > current))
                {
                    Execute(connection, script.Sql);
                    using var record = connection.CreateCommand();
                    record.CommandText = "INSERT INTO schema_version (version, name, applied_at) VALUES ($v, $n, $t)";
                    record.Parameters.AddWithValue("$v", script.Version);
                    record.Parameters.AddWithValue("$n", script.Name);
                    record.Parameters.AddWithValue("$t", timeProvider.GetUtcNow().UtcTicks);
                    record.ExecuteNonQuery();
                }
            }

            Execute(connection, "COMMIT");
        }
        catch
        {
            Execute(connection, "ROLLBACK");
            throw;
        }
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
