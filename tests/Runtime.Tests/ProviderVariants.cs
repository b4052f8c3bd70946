using Visco.Runtime.Abstractions.Storage;
using Visco.Runtime.Storage.Memory;
using Visco.Runtime.Storage.Postgres;
using Visco.Runtime.Storage.Sqlite;
using Visco.TestKit;

// The provider subclasses of the scenario suites, side by side: each only says how to open its store.
namespace Visco.Runtime.Tests;

/// <summary>Lifecycle scenarios on the memory store.</summary>
public sealed class MemoryLifecycleTests : LifecycleTests
{
    private readonly MemoryDatabase _database = new();

    /// <inheritdoc />
    protected override IRuntimeStore CreateStore(TimeProvider time) => new MemoryRuntimeStore(_database, time);
}

/// <summary>Lifecycle scenarios on SQLite.</summary>
public sealed class SqliteLifecycleTests : LifecycleTests
{
    private readonly TempSqliteFile _file = new();

    /// <inheritdoc />
    protected override IRuntimeStore CreateStore(TimeProvider time) => _file.Open(time);

    /// <inheritdoc />
    protected override ValueTask DropDataAsync() => _file.DisposeAsync();
}

/// <summary>Lifecycle scenarios on PostgreSQL.</summary>
[RequiresPostgres]
public sealed class PostgresLifecycleTests : LifecycleTests
{
    private readonly PostgresTestSchema _schema = new();

    /// <inheritdoc />
    protected override IRuntimeStore CreateStore(TimeProvider time) =>
        new PostgresRuntimeStore(new PostgresStoreOptions { ConnectionString = _schema.ConnectionString, Schema = _schema.Name }, time);

    /// <inheritdoc />
    protected override ValueTask DropDataAsync() => _schema.DisposeAsync();
}

/// <summary>Stream scenarios on the memory store.</summary>
public sealed class MemoryStreamTests : StreamTests
{
    private readonly MemoryDatabase _database = new();

    /// <inheritdoc />
    protected override IRuntimeStore CreateStore(TimeProvider time) => new MemoryRuntimeStore(_database, time);
}

/// <summary>Stream scenarios on SQLite.</summary>
public sealed class SqliteStreamTests : StreamTests
{
    private readonly TempSqliteFile _file = new();

    /// <inheritdoc />
    protected override IRuntimeStore CreateStore(TimeProvider time) => _file.Open(time);

    /// <inheritdoc />
    protected override ValueTask DropDataAsync() => _file.DisposeAsync();
}

/// <summary>Stream scenarios on PostgreSQL.</summary>
[RequiresPostgres]
public sealed class PostgresStreamTests : StreamTests
{
    private readonly PostgresTestSchema _schema = new();

    /// <inheritdoc />
    protected override IRuntimeStore CreateStore(TimeProvider time) =>
        new PostgresRuntimeStore(new PostgresStoreOptions { ConnectionString = _schema.ConnectionString, Schema = _schema.Name }, time);

    /// <inheritdoc />
    protected override ValueTask DropDataAsync() => _schema.DisposeAsync();
}

/// <summary>Stream isolation scenarios on the memory store.</summary>
public sealed class MemoryStreamIsolationTests : StreamIsolationTests
{
    private readonly MemoryDatabase _database = new();

    /// <inheritdoc />
    protected override IRuntimeStore CreateStore(TimeProvider time) => new MemoryRuntimeStore(_database, time);
}

/// <summary>Stream isolation scenarios on SQLite.</summary>
public sealed class SqliteStreamIsolationTests : StreamIsolationTests
{
    private readonly TempSqliteFile _file = new();

    /// <inheritdoc />
    protected override IRuntimeStore CreateStore(TimeProvider time) => _file.Open(time);

    /// <inheritdoc />
    protected override ValueTask DropDataAsync() => _file.DisposeAsync();
}

/// <summary>Stream isolation scenarios on PostgreSQL.</summary>
[RequiresPostgres]
public sealed class PostgresStreamIsolationTests : StreamIsolationTests
{
    private readonly PostgresTestSchema _schema = new();

    /// <inheritdoc />
    protected override IRuntimeStore CreateStore(TimeProvider time) =>
        new PostgresRuntimeStore(new PostgresStoreOptions { ConnectionString = _schema.ConnectionString, Schema = _schema.Name }, time);

    /// <inheritdoc />
    protected override ValueTask DropDataAsync() => _schema.DisposeAsync();
}

/// <summary>Commit-managed subscription scenarios on the memory store.</summary>
public sealed class MemoryStreamCommitTests : StreamCommitTests
{
    private readonly MemoryDatabase _database = new();

    /// <inheritdoc />
    protected override IRuntimeStore CreateStore(TimeProvider time) => new MemoryRuntimeStore(_database, time);
}

/// <summary>Commit-managed subscription scenarios on SQLite.</summary>
public sealed class SqliteStreamCommitTests : StreamCommitTests
{
    private readonly TempSqliteFile _file = new();

    /// <inheritdoc />
    protected override IRuntimeStore CreateStore(TimeProvider time) => _file.Open(time);

    /// <inheritdoc />
    protected override ValueTask DropDataAsync() => _file.DisposeAsync();
}

/// <summary>Commit-managed subscription scenarios on PostgreSQL.</summary>
[RequiresPostgres]
public sealed class PostgresStreamCommitTests : StreamCommitTests
{
    private readonly PostgresTestSchema _schema = new();

    /// <inheritdoc />
    protected override IRuntimeStore CreateStore(TimeProvider time) =>
        new PostgresRuntimeStore(new PostgresStoreOptions { ConnectionString = _schema.ConnectionString, Schema = _schema.Name }, time);

    /// <inheritdoc />
    protected override ValueTask DropDataAsync() => _schema.DisposeAsync();
}

/// <summary>A SQLite database file in a fresh temp folder, deleted on dispose.</summary>
public sealed class TempSqliteFile : IAsyncDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("visco-runtime-").FullName;

    /// <summary>The database path.</summary>
    public string Path => System.IO.Path.Combine(_directory, "visco.db");

    /// <summary>Opens a store on the file; a lock held elsewhere fails writes after <paramref name="busyTimeout"/>.</summary>
    public SqliteRuntimeStore Open(TimeProvider time, TimeSpan? busyTimeout = null) =>
        new(new SqliteStoreOptions { DatabasePath = Path, BusyTimeout = busyTimeout ?? TimeSpan.FromSeconds(5) }, time);

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
        return ValueTask.CompletedTask;
    }
}
