using Visco.Runtime.Abstractions.Storage;
using Visco.Runtime.Storage.Memory;
using Visco.Runtime.Storage.Postgres;
using Visco.TestKit;

namespace Visco.Runtime.Tests.Hosting;

/// <summary>One provider's data for one test: opened again on every (re)start, removed when the test ends.</summary>
public interface ITestStore : IAsyncDisposable
{
    /// <summary>Opens a store on this test's data.</summary>
    IRuntimeStore Open(TimeProvider time);
}

/// <summary>The memory store (its database outlives a silo, so a restart finds the data).</summary>
public sealed class MemoryTestStore : ITestStore
{
    private readonly MemoryDatabase _database = new();

    /// <inheritdoc />
    public IRuntimeStore Open(TimeProvider time) => new MemoryRuntimeStore(_database, time);

    /// <inheritdoc />
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}

/// <summary>SQLite in a fresh temp folder.</summary>
public sealed class SqliteTestStore : ITestStore
{
    private readonly TempSqliteFile _file = new();

    /// <inheritdoc />
    public IRuntimeStore Open(TimeProvider time) => _file.Open(time);

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _file.DisposeAsync();
}

/// <summary>PostgreSQL in a fresh schema of the test server.</summary>
public sealed class PostgresTestStore : ITestStore
{
    private readonly PostgresTestSchema _schema = new();

    /// <inheritdoc />
    public IRuntimeStore Open(TimeProvider time) =>
        new PostgresRuntimeStore(new PostgresStoreOptions { ConnectionString = _schema.ConnectionString, Schema = _schema.Name }, time);

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _schema.DisposeAsync();
}
