using System.Data.Common;
using Visco.Grains.Interfaces.Api;

namespace Visco.DomainStore.Labels;

/// <summary>
/// Labels in one SQL table, for SQLite and PostgreSQL alike: both accept the same DDL, <c>@name</c> parameters and
/// <c>INSERT ... ON CONFLICT ... DO UPDATE</c>, so one statement set serves both. The key is (hospital, sample,
/// source): a later label from the same source supersedes the earlier one, as <see cref="ILabelStore"/> asks.
/// Times are stored as UTC microseconds, like the results store. A schema-qualified table (<c>schema.table</c>, PostgreSQL)
/// gets its schema created when <c>createSchema</c> is set.
/// </summary>
public sealed class SqlLabelStore(Func<DbConnection> connectionFactory, string table = SqlLabelStore.DefaultTable, bool createSchema = false) : ILabelStore
{
    /// <summary>The table name unless told otherwise.</summary>
    public const string DefaultTable = "visco_labels";

    private readonly string _table = ValidTable(table);
    private int _created;

    /// <summary>Creates the table and its index if missing (also done lazily by the first call).</summary>
    public async Task EnsureSchemaAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        var dot = _table.IndexOf('.', StringComparison.Ordinal);
        var schema = createSchema && dot > 0 ? $"CREATE SCHEMA IF NOT EXISTS {_table[..dot]};" : string.Empty;
        command.CommandText = schema +
            $"CREATE TABLE IF NOT EXISTS {_table} (hospital_id TEXT NOT NULL, sample_id TEXT NOT NULL, source TEXT NOT NULL, " +
            "reference_low DOUBLE PRECISION NULL, reference_high DOUBLE PRECISION NULL, reference_class TEXT NULL, " +
            "recorded_at_us BIGINT NOT NULL, recorded_by TEXT NOT NULL, PRIMARY KEY (hospital_id, sample_id, source));" +
            $"CREATE INDEX IF NOT EXISTS {_table[(dot + 1)..]}_recorded ON {_table} (hospital_id, recorded_at_us);";
        await command.ExecuteNonQueryAsync(cancellationToken);
        Volatile.Write(ref _created, 1);
    }

    /// <inheritdoc />
    public async Task SaveAsync(SampleLabel label, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(label);
        await EnsureCreatedAsync(cancellationToken);
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText =
            $"INSERT INTO {_table} (hospital_id, sample_id, source, reference_low, reference_high, reference_class, recorded_at_us, recorded_by) " +
            "VALUES (@h, @s, @src, @low, @high, @class, @at, @by) ON CONFLICT (hospital_id, sample_id, source) DO UPDATE SET " +
            "reference_low = excluded.reference_low, reference_high = excluded.reference_high, reference_class = excluded.reference_class, " +
            "recorded_at_us = excluded.recorded_at_us, recorded_by = excluded.recorded_by";
        Add(command, "h", label.HospitalId);
        Add(command, "s", label.SampleId);
        Add(command, "src", label.Source);
        Add(command, "low", label.ReferenceViscosityLow);
        Add(command, "high", label.ReferenceViscosityHigh);
        Add(command, "class", label.ReferenceClass);
        Add(command, "at", ToMicros(label.RecordedAt));
        Add(command, "by", label.RecordedBy);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<SampleLabel>> FindAsync(string hospitalId, string sampleId, CancellationToken cancellationToken = default)
    {
        await EnsureCreatedAsync(cancellationToken);
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText =
            "SELECT hospital_id, sample_id, reference_low, reference_high, reference_class, source, recorded_at_us, recorded_by " +
            $"FROM {_table} WHERE hospital_id = @h AND sample_id = @s ORDER BY recorded_at_us, source";
        Add(command, "h", hospitalId);
        Add(command, "s", sampleId);
        var result = new List<SampleLabel>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            result.Add(new SampleLabel(
                reader.GetString(0), reader.GetString(1),
                reader.IsDBNull(2) ? null : reader.GetDouble(2),
                reader.IsDBNull(3) ? null : reader.GetDouble(3),
                reader.IsDBNull(4) ? null : reader.GetString(4),
                reader.GetString(5),
                DateTimeOffset.UnixEpoch.AddTicks(reader.GetInt64(6) * 10),
                reader.GetString(7)));
        }

        return result;
    }

    private static long ToMicros(DateTimeOffset value) => (value.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / 10;

    private static void Add(DbCommand command, string name, object? value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
    }

    private static string ValidTable(string table)
    {
        if (string.IsNullOrEmpty(table) || table.Length > 60 || !table.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '.'))
        {
            throw new ArgumentException($"'{table}' is not a plain table name (letters, digits, '_' and '.').", nameof(table));
        }

        return table;
    }

    private async Task EnsureCreatedAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _created) == 0)
        {
            await EnsureSchemaAsync(cancellationToken);
        }
    }

    private async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = connectionFactory();
        await connection.OpenAsync(cancellationToken);
        return connection;
    }
}
