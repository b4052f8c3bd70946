using Visco.Runtime.Abstractions.State;
using Visco.Runtime.Abstractions.Storage;
using Visco.Runtime.Storage.Migrations;

using Visco.TestKit;

namespace Visco.Runtime.Storage.Tests;

/// <summary>Restart, crash and schema behaviour of the conformance suite.</summary>
public abstract partial class RuntimeStoreConformanceTests
{
    /// <summary>The schema version a fresh database reaches.</summary>
    protected abstract int LatestSchemaVersion { get; }

    [ProviderFact]
    public async Task DisposeAsync_ThenReopen_EverythingAcknowledgedIsThere()
    {
        var etag = await Store.GrainStorage.WriteAsync(Grain("a"), "state", Bytes("kept"), null, CancellationToken.None);
        var reminder = await Store.Reminders.UpsertAsync(Grain("a"), "tick", DateTimeOffset.UnixEpoch, TimeSpan.FromHours(1), CancellationToken.None);
        await Store.Streams.AppendAsync(StreamA, [Payload(9)], CancellationToken.None);
        await Store.Streams.AddSubscriptionAsync(new StreamSubscription("archive/a", StreamA), CancellationToken.None);
        await Store.Streams.WriteCheckpointsAsync([new StreamCheckpoint("archive/a", StreamA, 1)], CancellationToken.None);
        var pending = Store.GrainStorage.WriteAsync(Grain("b"), "state", Bytes("queued at dispose"), null, CancellationToken.None);
        await Store.DisposeAsync().AsTask().WaitAsync(Bound);
        await pending.WaitAsync(Bound);

        var reopened = await ReopenAsync();

        Assert.Equal(new StoredGrainState(Bytes("kept"), etag).Data, (await reopened.GrainStorage.ReadAsync(Grain("a"), "state", CancellationToken.None))!.Data);
        Assert.Equal(etag, (await reopened.GrainStorage.ReadAsync(Grain("a"), "state", CancellationToken.None))!.ETag);
        Assert.Equal(Bytes("queued at dispose"), (await reopened.GrainStorage.ReadAsync(Grain("b"), "state", CancellationToken.None))!.Data);
        Assert.Equal(reminder, await reopened.Reminders.ReadAsync(Grain("a"), "tick", CancellationToken.None));
        Assert.Single(await reopened.Streams.ReadAsync(0, 10, CancellationToken.None));
        Assert.Single(await reopened.Streams.ReadSubscriptionsAsync(CancellationToken.None));
        Assert.Equal(1, Assert.Single(await reopened.Streams.ReadCheckpointsAsync(CancellationToken.None)).Sequence);
        Assert.Equal(2, await reopened.Streams.AppendAsync(StreamA, [Payload(10)], CancellationToken.None));
    }

    [ProviderFact]
    public async Task Abort_WithWritesInFlight_ReopenedStoreSeesExactlyTheAcknowledged()
    {
        var writes = Enumerable.Range(0, 2000)
            .Select(i => Store.GrainStorage.WriteAsync(Grain($"crash{i}"), "state", Bytes($"v{i}"), null, CancellationToken.None))
            .ToArray();

        Store.Abort();
        var outcomes = await Task.WhenAll(writes.Select(CaptureAsync)).WaitAsync(Bound);

        Assert.All(outcomes, o => Assert.True(o.Error is null or StorageUnavailableException, o.Error?.ToString()));
        await Assert.ThrowsAsync<StorageUnavailableException>(
            () => Store.GrainStorage.WriteAsync(Grain("late"), "state", Bytes("x"), null, CancellationToken.None));
        var reopened = await ReopenAsync();
        for (var i = 0; i < outcomes.Length; i++)
        {
            var stored = await reopened.GrainStorage.ReadAsync(Grain($"crash{i}"), "state", CancellationToken.None);
            Assert.Equal(outcomes[i].Value, stored?.ETag);
        }
    }

    [ProviderFact]
    public async Task InitializeAsync_FreshDatabase_ReachesLatestVersionAndRepeatIsNoOp()
    {
        Assert.Equal(LatestSchemaVersion, await ReadSchemaVersionAsync());
        var etag = await Store.GrainStorage.WriteAsync(Grain("a"), "state", Bytes("v1"), null, CancellationToken.None);

        await Store.InitializeAsync(CancellationToken.None).WaitAsync(Bound);
        var again = await ReopenAsync();

        Assert.Equal(LatestSchemaVersion, await ReadSchemaVersionAsync());
        Assert.Equal(etag, (await again.GrainStorage.ReadAsync(Grain("a"), "state", CancellationToken.None))!.ETag);
    }

    [ProviderFact]
    public async Task InitializeAsync_NewerSchemaVersion_RefusedWithClearMessage()
    {
        await SetSchemaVersionAsync(LatestSchemaVersion + 6);
        var store = await OpenAsync();

        var error = await Assert.ThrowsAsync<SchemaTooNewException>(() => store.InitializeAsync(CancellationToken.None));

        Assert.Contains(
            $"database schema version {LatestSchemaVersion + 6} is newer than this build supports ({LatestSchemaVersion}); " +
            "upgrade the silo or point it at another database",
            error.Message,
            StringComparison.Ordinal);
    }
}
