using System.Text;

using Visco.Runtime.Abstractions;
using Visco.Runtime.Abstractions.State;

namespace Visco.Runtime.Storage.Tests;

/// <summary>SQLite-only behaviour: another process holding the database lock.</summary>
public sealed partial class SqliteRuntimeStoreTests
{
    [Fact]
    public async Task WriteAsync_DatabaseLockedByAnotherProcess_ThrowsUnavailableThenRecovers()
    {
        _busyTimeout = TimeSpan.FromMilliseconds(200);
        var store = await ReopenAsync();
        var grain = new GrainId("device", "locked");
        using var other = OpenRaw();
        using (var begin = other.CreateCommand())
        {
            begin.CommandText = "BEGIN EXCLUSIVE";
            begin.ExecuteNonQuery();
        }

        var error = await Assert.ThrowsAsync<StorageUnavailableException>(
            () => store.GrainStorage.WriteAsync(grain, "state", Encoding.UTF8.GetBytes("v1"), null, CancellationToken.None).WaitAsync(Bound));

        Assert.Contains($"SQLite database {DatabasePath} is locked by another process", error.Message, StringComparison.Ordinal);
        Assert.Contains("device/locked", error.Message, StringComparison.Ordinal);
        using (var commit = other.CreateCommand())
        {
            commit.CommandText = "COMMIT";
            commit.ExecuteNonQuery();
        }

        var etag = await store.GrainStorage.WriteAsync(grain, "state", Encoding.UTF8.GetBytes("v2"), null, CancellationToken.None).WaitAsync(Bound);
        Assert.Equal(etag, (await store.GrainStorage.ReadAsync(grain, "state", CancellationToken.None))!.ETag);
    }

    [Fact]
    public async Task Abort_WhileWriterWaitsForLock_FailsEveryPendingWriteWithoutWaiting()
    {
        // Without the abort failing the waiting batch at once, these writes would wait out this timeout and the
        // bounded wait below would fail first.
        _busyTimeout = TimeSpan.FromMinutes(10);
        var store = await ReopenAsync();
        using var other = OpenRaw();
        using (var begin = other.CreateCommand())
        {
            begin.CommandText = "BEGIN EXCLUSIVE";
            begin.ExecuteNonQuery();
        }

        var writes = Enumerable.Range(0, 50)
            .Select(i => store.GrainStorage.WriteAsync(new GrainId("device", $"p{i}"), "state", Encoding.UTF8.GetBytes("x"), null, CancellationToken.None))
            .ToArray();
        store.Abort();

        foreach (var write in writes)
        {
            await Assert.ThrowsAsync<StorageUnavailableException>(() => write.WaitAsync(Bound));
        }

        using (var rollback = other.CreateCommand())
        {
            rollback.CommandText = "ROLLBACK";
            rollback.ExecuteNonQuery();
        }

        _busyTimeout = TimeSpan.FromSeconds(5);
        var reopened = await ReopenAsync();
        for (var i = 0; i < writes.Length; i++)
        {
            Assert.Null(await reopened.GrainStorage.ReadAsync(new GrainId("device", $"p{i}"), "state", CancellationToken.None));
        }
    }
}
