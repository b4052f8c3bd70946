using Microsoft.Data.Sqlite;
using Visco.DomainStore.Postgres;
using Visco.DomainStore.Sqlite;
using Visco.Grains.Interfaces.Results;
using Visco.TestKit;

namespace Visco.Api.Tests.Store;

/// <summary>The write path on SQLite (rows bound by position on the writer thread).</summary>
public sealed class SqliteResultStoreWriteTests : ResultStoreWriteTests
{
    private readonly string _directory = Directory.CreateTempSubdirectory("visco-results-").FullName;

    /// <inheritdoc />
    protected override IResultStore CreateStore() => new SqliteResultStore(Path.Combine(_directory, "results.db"));

    /// <inheritdoc />
    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        SqliteConnection.ClearAllPools();
        TemporaryDirectory.Delete(_directory);
    }
}

/// <summary>The write path on PostgreSQL (one insert over column arrays, RETURNING the new rows).</summary>
[RequiresPostgres]
public sealed class PostgresResultStoreWriteTests : ResultStoreWriteTests
{
    private readonly PostgresTestSchema _schema = new();

    /// <inheritdoc />
    protected override IResultStore CreateStore() => new PostgresResultStore(_schema.ConnectionString, _schema.Name);

    /// <inheritdoc />
    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await _schema.DisposeAsync();
    }
}
