using Microsoft.Extensions.Logging.Abstractions;
using Visco.DomainStore.Labels;
using Visco.Grains.Archive;
using Visco.Grains.Interfaces.Api;
using Visco.Grains.Labels;
using Visco.Lake.Layout;
using Visco.Lake.Rows;
using Visco.Lake.Storage;
using Visco.TestKit;

namespace Visco.Retraining.Tests;

public sealed class LabelStoreTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("visco-labels-").FullName;

    [Fact]
    public async Task SaveAsync_SameSampleAndSourceTwice_LaterSupersedesAndBothStoresAgree()
    {
        var lake = new LocalLakeStore(_root);
        var retry = new LakeWriteRetry(new ArchiveOptions { RetryDelay = TimeSpan.Zero }, TimeProvider.System, NullLogger<LakeWriteRetry>.Instance);
        var store = new ArchivingLabelStore(LabelStoreHostingExtensions.CreateSqlite(Path.Combine(_root, "labels.db")), new LakeLabelArchive(lake, retry));
        var at = new DateTimeOffset(2026, 11, 21, 9, 0, 0, TimeSpan.Zero);

        await store.SaveAsync(new SampleLabel("h1", "s1", 14.2, 4.4, "normal", "lab-a", at, "u1"));
        await store.SaveAsync(new SampleLabel("h1", "s1", 15.0, 4.6, "normal", "lab-a", at.AddMinutes(5), "u2"));
        await store.SaveAsync(new SampleLabel("h1", "s1", null, null, "invalid-sample", "lab-b", at.AddMinutes(6), "u3"));
        await store.SaveAsync(new SampleLabel("h2", "s1", 30, 7.5, "hyperviscous", "lab-a", at, "u4"));

        var found = await store.FindAsync("h1", "s1");
        Assert.Equal(["lab-a", "lab-b"], found.Select(l => l.Source));
        Assert.Equal(15.0, found[0].ReferenceViscosityLow);
        Assert.Equal("u2", found[0].RecordedBy);
        Assert.Null(found[1].ReferenceViscosityHigh);
        Assert.Empty(await store.FindAsync("h1", "missing"));

        var files = await PartitionPruning.ListAsync(lake, LakeDataset.Labels, new HashSet<string> { "h1" }, DateOnly.MinValue, DateOnly.MaxValue);
        var rows = new List<LabelRow>();
        foreach (var file in files)
        {
            await using var stream = await lake.OpenReadAsync(file.Path);
            rows.AddRange(LabelParquet.Read(stream, file.Path));
        }

        Assert.Equal(3, rows.Count);
        Assert.All(rows, r => Assert.Equal("h1", r.HospitalId));
        Assert.Contains(rows, r => r.Source == "lab-a" && r.ReferenceViscosityLow == 15.0);
    }

    [Fact]
    public async Task SaveAsync_SameLabelAgainAfterFailure_OneRowInLake()
    {
        var lake = new LocalLakeStore(_root);
        var retry = new LakeWriteRetry(new ArchiveOptions { RetryDelay = TimeSpan.Zero }, TimeProvider.System, NullLogger<LakeWriteRetry>.Instance);
        var archive = new LakeLabelArchive(lake, retry);
        var label = new SampleLabel("h1", "s9", 12, 4, null, "lab", new DateTimeOffset(2026, 11, 21, 9, 0, 0, TimeSpan.Zero), "u");

        await archive.ArchiveAsync(label);
        await archive.ArchiveAsync(label);

        await using var stream = await lake.OpenReadAsync(LakeLabelArchive.PathOf(label));
        Assert.Single(LabelParquet.Read(stream));
    }

    [PostgresFact]
    public async Task SaveAsync_Postgres_SupersedesAndFinds()
    {
        await using var schema = new PostgresTestSchema();
        var store = LabelStoreHostingExtensions.CreatePostgres(schema.ConnectionString, $"{schema.Name}.labels");
        var at = new DateTimeOffset(2026, 11, 21, 9, 0, 0, TimeSpan.Zero);

        await store.SaveAsync(new SampleLabel("h1", "s1", 14.2, 4.4, "normal", "lab-a", at, "u1"));
        await store.SaveAsync(new SampleLabel("h1", "s1", 15.0, null, null, "lab-a", at.AddSeconds(1), "u2"));
        await store.SaveAsync(new SampleLabel("h2", "s1", 1, 1, null, "lab-a", at, "u3"));

        var found = Assert.Single(await store.FindAsync("h1", "s1"));
        Assert.Equal(15.0, found.ReferenceViscosityLow);
        Assert.Null(found.ReferenceViscosityHigh);
        Assert.Equal(at.AddSeconds(1), found.RecordedAt);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        TemporaryDirectory.Delete(_root);
    }
}
