using System.Text;

using Visco.Runtime.Abstractions;
using Visco.Runtime.Storage.Sqlite;

namespace Visco.Runtime.Storage.Tests;

/// <summary>SQLite-only behaviour: the writer lingering for more writes after a quiet wake-up.</summary>
public sealed partial class SqliteRuntimeStoreTests
{
    [Fact]
    public async Task CommitLinger_WritesArrivingWithinIt_ShareOneCommit()
    {
        _commitLinger = TimeSpan.FromMilliseconds(500);
        var store = (SqliteRuntimeStore)await ReopenAsync();
        var before = store.Statistics.Batches;

        var commits = await WriteSpacedAsync(store, "linger");

        Assert.Equal(1, store.Statistics.Batches - before);
        Assert.All(commits, etag => Assert.NotNull(etag));
    }

    [Fact]
    public async Task CommitLinger_Zero_CommitsEachQuietWriteAtOnce()
    {
        _commitLinger = TimeSpan.Zero;
        var store = (SqliteRuntimeStore)await ReopenAsync();
        var before = store.Statistics.Batches;

        await WriteSpacedAsync(store, "eager");

        // Five writes 40 ms apart: without a linger they cannot all wait for each other.
        Assert.True(store.Statistics.Batches - before > 1, $"{store.Statistics.Batches - before} commit(s) for 5 spaced writes");
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(1001)]
    public void Validate_CommitLingerOutOfRange_SaysHowToFix(int milliseconds)
    {
        var options = new SqliteStoreOptions { DatabasePath = DatabasePath, CommitLinger = TimeSpan.FromMilliseconds(milliseconds) };

        var error = Assert.Throws<ArgumentException>(options.Validate);

        Assert.Contains("CommitLinger", error.Message, StringComparison.Ordinal);
        Assert.Contains("0 to 1 second", error.Message, StringComparison.Ordinal);
    }

    private static async Task<string[]> WriteSpacedAsync(SqliteRuntimeStore store, string prefix)
    {
        var writes = new List<Task<string>>();
        for (var i = 0; i < 5; i++)
        {
            writes.Add(store.GrainStorage.WriteAsync(
                new GrainId("device", $"{prefix}{i}"), "state", Encoding.UTF8.GetBytes($"v{i}"), null, CancellationToken.None));
            await Task.Delay(40);
        }

        return await Task.WhenAll(writes).WaitAsync(Bound);
    }
}
