using System.Text;

using Visco.Runtime.Abstractions;
using Visco.Runtime.Abstractions.State;
using Visco.Runtime.Abstractions.Storage;

using Visco.TestKit;

namespace Visco.Runtime.Storage.Tests;

/// <summary>
/// The behaviour every <see cref="IRuntimeStore"/> must show, run against each provider by a subclass. Each test gets
/// its own fresh backing database (a new memory database, SQLite file or PostgreSQL schema).
/// </summary>
public abstract partial class RuntimeStoreConformanceTests : IAsyncLifetime
{
    /// <summary>Every wait in these tests is bounded by this; none is a timing assertion.</summary>
    protected static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    private readonly List<IRuntimeStore> _opened = [];

    /// <summary>The store under test, initialised.</summary>
    protected IRuntimeStore Store { get; private set; } = null!;

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        Store = await OpenAsync();
        await Store.InitializeAsync(CancellationToken.None).WaitAsync(Bound);
    }

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        foreach (var store in _opened)
        {
            await store.DisposeAsync();
        }

        await DropBackingAsync();
    }

    /// <summary>Opens a new, uninitialised store on this test's backing database (the same one every time).</summary>
    protected abstract Task<IRuntimeStore> CreateStoreAsync();

    /// <summary>The highest version in the backing database's schema_version.</summary>
    protected abstract Task<int> ReadSchemaVersionAsync();

    /// <summary>Records <paramref name="version"/> as applied, as a newer build would have.</summary>
    protected abstract Task SetSchemaVersionAsync(int version);

    /// <summary>Replaces a state record's bytes behind the store's back.</summary>
    protected abstract Task OverwriteStateAsync(GrainId grainId, string stateName, byte[] data);

    /// <summary>Deletes the backing database.</summary>
    protected abstract Task DropBackingAsync();

    /// <summary>Opens another store on the backing database; disposed with the test.</summary>
    protected async Task<IRuntimeStore> OpenAsync()
    {
        var store = await CreateStoreAsync();
        _opened.Add(store);
        return store;
    }

    /// <summary>Opens and initialises another store on the backing database (a restarted silo).</summary>
    protected async Task<IRuntimeStore> ReopenAsync()
    {
        var store = await OpenAsync();
        await store.InitializeAsync(CancellationToken.None).WaitAsync(Bound);
        return store;
    }

    private static GrainId Grain(string key) => new("device", key);

    private static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);

    [ProviderFact]
    public async Task ReadAsync_MissingRecord_ReturnsNull()
    {
        Assert.Null(await Store.GrainStorage.ReadAsync(Grain("missing"), "state", CancellationToken.None));
    }

    [ProviderFact]
    public async Task WriteAsync_NewRecord_ReadReturnsDataAndEtag()
    {
        var etag = await Store.GrainStorage.WriteAsync(Grain("a"), "state", Bytes("hello"), null, CancellationToken.None);

        var stored = await Store.GrainStorage.ReadAsync(Grain("a"), "state", CancellationToken.None);
        Assert.NotNull(stored);
        Assert.Equal(Bytes("hello"), stored.Data);
        Assert.Equal(etag, stored.ETag);
        Assert.Null(await Store.GrainStorage.ReadAsync(Grain("a"), "other", CancellationToken.None));
    }

    [ProviderFact]
    public async Task WriteAsync_CurrentEtag_ReplacesDataWithNewEtag()
    {
        var first = await Store.GrainStorage.WriteAsync(Grain("a"), "state", Bytes("v1"), null, CancellationToken.None);
        var second = await Store.GrainStorage.WriteAsync(Grain("a"), "state", Bytes("v2"), first, CancellationToken.None);

        Assert.NotEqual(first, second);
        var stored = await Store.GrainStorage.ReadAsync(Grain("a"), "state", CancellationToken.None);
        Assert.Equal(Bytes("v2"), stored!.Data);
        Assert.Equal(second, stored.ETag);
    }

    [ProviderFact]
    public async Task WriteAsync_StaleEtag_ThrowsAndKeepsStoredRecord()
    {
        var first = await Store.GrainStorage.WriteAsync(Grain("a"), "state", Bytes("v1"), null, CancellationToken.None);
        var second = await Store.GrainStorage.WriteAsync(Grain("a"), "state", Bytes("v2"), first, CancellationToken.None);

        var error = await Assert.ThrowsAsync<InconsistentStateException>(
            () => Store.GrainStorage.WriteAsync(Grain("a"), "state", Bytes("v3"), first, CancellationToken.None));

        Assert.Equal(second, error.StoredEtag);
        Assert.Equal(first, error.CurrentEtag);
        Assert.Contains("device/a", error.Message, StringComparison.Ordinal);
        Assert.Contains("'state'", error.Message, StringComparison.Ordinal);
        var stored = await Store.GrainStorage.ReadAsync(Grain("a"), "state", CancellationToken.None);
        Assert.Equal(Bytes("v2"), stored!.Data);
        Assert.Equal(second, stored.ETag);
    }

    [ProviderFact]
    public async Task WriteAsync_NullEtagForExistingRecord_Throws()
    {
        var etag = await Store.GrainStorage.WriteAsync(Grain("a"), "state", Bytes("v1"), null, CancellationToken.None);

        var error = await Assert.ThrowsAsync<InconsistentStateException>(
            () => Store.GrainStorage.WriteAsync(Grain("a"), "state", Bytes("v2"), null, CancellationToken.None));

        Assert.Equal(etag, error.StoredEtag);
        Assert.Equal(Bytes("v1"), (await Store.GrainStorage.ReadAsync(Grain("a"), "state", CancellationToken.None))!.Data);
    }

    [ProviderFact]
    public async Task WriteAsync_EtagForMissingRecord_Throws()
    {
        var error = await Assert.ThrowsAsync<InconsistentStateException>(
            () => Store.GrainStorage.WriteAsync(Grain("a"), "state", Bytes("v1"), "0123456789abcdef", CancellationToken.None));

        Assert.Null(error.StoredEtag);
        Assert.Null(await Store.GrainStorage.ReadAsync(Grain("a"), "state", CancellationToken.None));
    }

    [ProviderFact]
    public async Task ClearAsync_StaleEtag_ThrowsAndKeepsRecord()
    {
        var first = await Store.GrainStorage.WriteAsync(Grain("a"), "state", Bytes("v1"), null, CancellationToken.None);
        await Store.GrainStorage.WriteAsync(Grain("a"), "state", Bytes("v2"), first, CancellationToken.None);

        await Assert.ThrowsAsync<InconsistentStateException>(
            () => Store.GrainStorage.ClearAsync(Grain("a"), "state", first, CancellationToken.None));

        Assert.Equal(Bytes("v2"), (await Store.GrainStorage.ReadAsync(Grain("a"), "state", CancellationToken.None))!.Data);
    }

    [ProviderFact]
    public async Task ClearAsync_CurrentEtag_ThenWriteWithNullEtagSucceeds()
    {
        var etag = await Store.GrainStorage.WriteAsync(Grain("a"), "state", Bytes("v1"), null, CancellationToken.None);

        await Store.GrainStorage.ClearAsync(Grain("a"), "state", etag, CancellationToken.None);
        Assert.Null(await Store.GrainStorage.ReadAsync(Grain("a"), "state", CancellationToken.None));
        await Store.GrainStorage.ClearAsync(Grain("a"), "state", null, CancellationToken.None);
        var again = await Store.GrainStorage.WriteAsync(Grain("a"), "state", Bytes("v2"), null, CancellationToken.None);

        Assert.NotEqual(etag, again);
        Assert.Equal(Bytes("v2"), (await Store.GrainStorage.ReadAsync(Grain("a"), "state", CancellationToken.None))!.Data);
        await Assert.ThrowsAsync<InconsistentStateException>(
            () => Store.GrainStorage.WriteAsync(Grain("a"), "state", Bytes("v3"), etag, CancellationToken.None));
    }

    [ProviderFact]
    public async Task WriteAsync_TwoWritersWithSameEtag_ExactlyOneWins()
    {
        var etag = await Store.GrainStorage.WriteAsync(Grain("a"), "state", Bytes("v0"), null, CancellationToken.None);

        var writes = Enumerable.Range(0, 2)
            .Select(i => Store.GrainStorage.WriteAsync(Grain("a"), "state", Bytes($"writer{i}"), etag, CancellationToken.None))
            .ToArray();
        var outcome = await Task.WhenAll(writes.Select(CaptureAsync)).WaitAsync(Bound);

        var winner = Assert.Single(outcome, o => o.Error is null);
        Assert.IsType<InconsistentStateException>(Assert.Single(outcome, o => o.Error is not null).Error);
        var stored = await Store.GrainStorage.ReadAsync(Grain("a"), "state", CancellationToken.None);
        Assert.Equal(winner.Value, stored!.ETag);
        Assert.Equal(Bytes($"writer{Array.IndexOf(outcome, winner)}"), stored.Data);
    }

    [ProviderFact]
    public async Task WriteAsync_ThousandConcurrentGrains_AllSucceedAndReadBack()
    {
        var writes = Enumerable.Range(0, 1000)
            .Select(i => Store.GrainStorage.WriteAsync(Grain($"g{i}"), "state", Bytes($"data-{i}"), null, CancellationToken.None))
            .ToArray();
        var etags = await Task.WhenAll(writes).WaitAsync(Bound);

        for (var i = 0; i < etags.Length; i++)
        {
            var stored = await Store.GrainStorage.ReadAsync(Grain($"g{i}"), "state", CancellationToken.None);
            Assert.Equal(Bytes($"data-{i}"), stored!.Data);
            Assert.Equal(etags[i], stored.ETag);
        }
    }

    [ProviderFact]
    public async Task WriteAsync_ManyConcurrentPairsOnSameRecords_ExactlyOneOfEachPairWins()
    {
        var writes = Enumerable.Range(0, 600)
            .Select(i => Store.GrainStorage.WriteAsync(Grain($"pair{i / 2}"), "state", Bytes($"w{i}"), null, CancellationToken.None))
            .ToArray();
        var outcomes = await Task.WhenAll(writes.Select(CaptureAsync)).WaitAsync(Bound);

        for (var pair = 0; pair < 300; pair++)
        {
            var (first, second) = (outcomes[2 * pair], outcomes[(2 * pair) + 1]);
            Assert.True((first.Error is null) ^ (second.Error is null), $"pair {pair}: {first.Error} / {second.Error}");
            var winner = first.Error is null ? 2 * pair : (2 * pair) + 1;
            var loser = first.Error is null ? second : first;
            var stored = await Store.GrainStorage.ReadAsync(Grain($"pair{pair}"), "state", CancellationToken.None);
            Assert.Equal(Bytes($"w{winner}"), stored!.Data);
            Assert.Equal(stored.ETag, Assert.IsType<InconsistentStateException>(loser.Error).StoredEtag);
        }
    }

    [ProviderFact]
    public async Task ReadAsync_RecordChangedBehindTheStore_ReturnedAsStored()
    {
        var etag = await Store.GrainStorage.WriteAsync(Grain("a"), "state", Bytes("{\"v\":1}"), null, CancellationToken.None);
        byte[] odd = [0xFF, 0x00, 0xFE, 0x7B];

        await OverwriteStateAsync(Grain("a"), "state", odd);

        var stored = await Store.GrainStorage.ReadAsync(Grain("a"), "state", CancellationToken.None);
        Assert.Equal(odd, stored!.Data);
        Assert.Equal(etag, stored.ETag);
    }

    [ProviderFact]
    public async Task Reminders_UpsertReadRemove_ReflectEachChange()
    {
        var start = new DateTimeOffset(2026, 3, 1, 12, 30, 15, 250, TimeSpan.Zero);
        var first = await Store.Reminders.UpsertAsync(Grain("a"), "tick", start.AddTicks(12_345), TimeSpan.FromMinutes(5), CancellationToken.None);
        Assert.Equal(first, await Store.Reminders.ReadAsync(Grain("a"), "tick", CancellationToken.None));
        var replaced = await Store.Reminders.UpsertAsync(Grain("a"), "tick", start.AddHours(1), TimeSpan.FromMinutes(10), CancellationToken.None);
        await Store.Reminders.UpsertAsync(Grain("b"), "tock", start, TimeSpan.FromSeconds(30), CancellationToken.None);

        Assert.NotEqual(first.ETag, replaced.ETag);
        var read = await Store.Reminders.ReadAsync(Grain("a"), "tick", CancellationToken.None);
        Assert.Equal(replaced, read);
        Assert.Equal(start.AddHours(1), read!.StartAt);
        Assert.Equal(TimeSpan.FromMinutes(10), read.Period);
        var all = await Store.Reminders.ReadAllAsync(CancellationToken.None);
        Assert.Equal(["device/a:tick", "device/b:tock"], all.Select(r => $"{r.GrainId}:{r.ReminderName}").Order());

        Assert.True(await Store.Reminders.RemoveAsync(Grain("a"), "tick", CancellationToken.None));
        Assert.False(await Store.Reminders.RemoveAsync(Grain("a"), "tick", CancellationToken.None));
        Assert.Null(await Store.Reminders.ReadAsync(Grain("a"), "tick", CancellationToken.None));
        Assert.Single(await Store.Reminders.ReadAllAsync(CancellationToken.None));
    }

    private static async Task<(string? Value, Exception? Error)> CaptureAsync(Task<string> task)
    {
        try
        {
            return (await task, null);
        }
        catch (Exception error) when (error is InconsistentStateException or StorageUnavailableException)
        {
            return (null, error);
        }
    }
}
