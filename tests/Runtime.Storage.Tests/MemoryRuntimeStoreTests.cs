using Visco.Runtime.Abstractions;
using Visco.Runtime.Abstractions.Storage;
using Visco.Runtime.Storage.Memory;

namespace Visco.Runtime.Storage.Tests;

/// <summary>The conformance suite against <see cref="MemoryRuntimeStore"/>.</summary>
public sealed class MemoryRuntimeStoreTests : RuntimeStoreConformanceTests
{
    private readonly MemoryDatabase _database = new();

    /// <inheritdoc />
    protected override int LatestSchemaVersion => 1;

    /// <inheritdoc />
    protected override Task<IRuntimeStore> CreateStoreAsync() =>
        Task.FromResult<IRuntimeStore>(new MemoryRuntimeStore(_database, TimeProvider.System));

    /// <inheritdoc />
    protected override Task<int> ReadSchemaVersionAsync() => Task.FromResult(_database.SchemaVersion);

    /// <inheritdoc />
    protected override Task SetSchemaVersionAsync(int version)
    {
        _database.SchemaVersion = version;
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    protected override async Task OverwriteStateAsync(GrainId grainId, string stateName, byte[] data)
    {
        var etag = (await Store.GrainStorage.ReadAsync(grainId, stateName, CancellationToken.None))!.ETag;
        _database.Overwrite(grainId.ToString(), stateName, data, etag);
    }

    /// <inheritdoc />
    protected override Task DropBackingAsync() => Task.CompletedTask;
}
