using Microsoft.Data.Sqlite;
using Visco.DomainStore.Sqlite;
using Visco.Grains.Interfaces.Measurements;
using Visco.Grains.Interfaces.Results;

namespace Visco.Api.Tests.Store;

/// <summary>
/// The results store copies its WAL back into <c>results.db</c> beside the writer once thousands of rows were written,
/// long before SQLite's own auto-checkpoint (kept as a 20,000-page backstop) would.
/// </summary>
public sealed class SqliteResultStoreCheckpointTests : IAsyncLifetime
{
    private readonly string _directory = Directory.CreateTempSubdirectory("visco-results-checkpoint-").FullName;

    private string DatabasePath => Path.Combine(_directory, "results.db");

    /// <inheritdoc />
    public Task InitializeAsync() => Task.CompletedTask;

    /// <inheritdoc />
    public Task DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task SaveAsync_ThousandsOfRows_CheckpointedIntoTheDatabaseFileWhileTheStoreRuns()
    {
        await using var store = new SqliteResultStore(DatabasePath);
        await store.InitializeAsync();
        var emptySize = new FileInfo(DatabasePath).Length;

        var events = new List<MeasurementRecorded>();
        for (var i = 0; i < 5000; i++)
        {
            events.Add(Event($"dev-{i % 50}", $"sample-{i:D6}"));
        }

        Assert.Equal(5000, await store.SaveAsync(events));

        // The rows are in the WAL at commit; the checkpoint beside the writer moves them into the file shortly after.
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (new FileInfo(DatabasePath).Length < emptySize + 1_000_000 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        Assert.True(new FileInfo(DatabasePath).Length >= emptySize + 1_000_000,
            $"results.db is {new FileInfo(DatabasePath).Length} bytes: the WAL was not checkpointed");
        Assert.Equal(100, await store.CountAsync("h1", "dev-7"));
    }

    private static MeasurementRecorded Event(string deviceId, string sampleId)
    {
        var at = new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
        var sweep = new SweepData(sampleId, at, 37.0, [1, 2, 5, 10, 50, 100], [3, 4, 8, 14, 60, 110], 0.42, "1.0");
        var inference = new InferenceResult("1", 5.5, 4.1, ResultClasses.Normal, 0.9, []);
        return new MeasurementRecorded(deviceId, "h1", sweep, new MeasurementResult(sampleId, inference, "sha256:00", at), at);
    }
}
