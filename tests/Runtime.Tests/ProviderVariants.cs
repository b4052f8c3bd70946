using Visco.Runtime.Storage.Sqlite;
using Visco.Runtime.Tests.Hosting;
using Visco.TestKit;

// The provider variants of the scenario suites, side by side: each only names its store (Hosting/TestStores.cs).
namespace Visco.Runtime.Tests;

/// <summary>Lifecycle scenarios on the memory store.</summary>
public sealed class MemoryLifecycleTests : LifecycleTests<MemoryTestStore>;

/// <summary>Lifecycle scenarios on SQLite.</summary>
public sealed class SqliteLifecycleTests : LifecycleTests<SqliteTestStore>;

/// <summary>Lifecycle scenarios on PostgreSQL.</summary>
[RequiresPostgres]
public sealed class PostgresLifecycleTests : LifecycleTests<PostgresTestStore>;

/// <summary>Stream scenarios on the memory store.</summary>
public sealed class MemoryStreamTests : StreamTests<MemoryTestStore>;

/// <summary>Stream scenarios on SQLite.</summary>
public sealed class SqliteStreamTests : StreamTests<SqliteTestStore>;

/// <summary>Stream scenarios on PostgreSQL.</summary>
[RequiresPostgres]
public sealed class PostgresStreamTests : StreamTests<PostgresTestStore>;

/// <summary>Stream isolation scenarios on the memory store.</summary>
public sealed class MemoryStreamIsolationTests : StreamIsolationTests<MemoryTestStore>;

/// <summary>Stream isolation scenarios on SQLite.</summary>
public sealed class SqliteStreamIsolationTests : StreamIsolationTests<SqliteTestStore>;

/// <summary>Stream isolation scenarios on PostgreSQL.</summary>
[RequiresPostgres]
public sealed class PostgresStreamIsolationTests : StreamIsolationTests<PostgresTestStore>;

/// <summary>Commit-managed subscription scenarios on the memory store.</summary>
public sealed class MemoryStreamCommitTests : StreamCommitTests<MemoryTestStore>;

/// <summary>Commit-managed subscription scenarios on SQLite.</summary>
public sealed class SqliteStreamCommitTests : StreamCommitTests<SqliteTestStore>;

/// <summary>Commit-managed subscription scenarios on PostgreSQL.</summary>
[RequiresPostgres]
public sealed class PostgresStreamCommitTests : StreamCommitTests<PostgresTestStore>;

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
        TemporaryDirectory.Delete(_directory);
        return ValueTask.CompletedTask;
    }
}
