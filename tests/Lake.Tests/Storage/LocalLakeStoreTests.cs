using Visco.Lake.Layout;
using Visco.Lake.Storage;
using Visco.TestKit;

namespace Visco.Lake.Tests.Storage;

public sealed class LocalLakeStoreTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("lake-store-").FullName;

    public void Dispose() => TemporaryDirectory.Delete(_root);

    [Fact]
    public async Task WriteAsync_ThenRead_ReturnsBytes()
    {
        var store = new LocalLakeStore(_root);

        await store.WriteAsync("lake/a/b.bin", (s, ct) => s.WriteAsync(new byte[] { 1, 2, 3 }, ct).AsTask());
        await using var read = await store.OpenReadAsync("lake/a/b.bin");
        using var copy = new MemoryStream();
        await read.CopyToAsync(copy);

        Assert.Equal(new byte[] { 1, 2, 3 }, copy.ToArray());
        Assert.True(await store.ExistsAsync("lake/a/b.bin"));
    }

    [Fact]
    public async Task WriteAsync_FailsMidWrite_LeavesNoVisibleOrTempFile()
    {
        var store = new LocalLakeStore(_root);

        await Assert.ThrowsAsync<InvalidOperationException>(() => store.WriteAsync("lake/x/part.parquet", async (s, ct) =>
        {
            await s.WriteAsync(new byte[10_000], ct);
            throw new InvalidOperationException("crash in the middle");
        }));

        Assert.False(await store.ExistsAsync("lake/x/part.parquet"));
        Assert.Empty(Directory.GetFiles(_root, "*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task WriteAsync_FailsMidWrite_KeepsPreviousVersion()
    {
        var store = new LocalLakeStore(_root);
        await store.WriteAsync("lake/f", (s, ct) => s.WriteAsync("old"u8.ToArray(), ct).AsTask());

        await Assert.ThrowsAsync<InvalidOperationException>(() => store.WriteAsync("lake/f", async (s, ct) =>
        {
            await s.WriteAsync("new-but-incomplete"u8.ToArray(), ct);
            throw new InvalidOperationException("crash");
        }));

        Assert.Equal("old", File.ReadAllText(Path.Combine(_root, "lake", "f")));
    }

    [Fact]
    public async Task WriteAsync_DiskFull_ThrowsTypedExceptionNamingFileAndRemovesTemp()
    {
        var store = new LocalLakeStore(_root);
        const int Enospc = 28;

        var error = await Assert.ThrowsAsync<LakeStorageException>(() => store.WriteAsync("lake/full.parquet", async (s, ct) =>
        {
            await s.WriteAsync(new byte[1000], ct);
            throw new IOException("No space left on device", Enospc);
        }));

        Assert.True(error.IsDiskFull);
        Assert.Equal("lake/full.parquet", error.LakePath);
        Assert.Contains("lake/full.parquet", error.Message);
        Assert.Contains("disk full", error.Message);
        Assert.Empty(Directory.GetFiles(_root, "*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task WriteAsync_SameBatchTwice_OneFile()
    {
        var store = new LocalLakeStore(_root);
        var path = LakePaths.MeasurementFile("h", new DateOnly(2026, 1, 1), 1, 100);

        await store.WriteAsync(path, (s, ct) => s.WriteAsync("batch"u8.ToArray(), ct).AsTask());
        await store.WriteAsync(path, (s, ct) => s.WriteAsync("batch"u8.ToArray(), ct).AsTask());

        var listed = await store.ListAsync("lake/measurements/");
        Assert.Equal([path], listed.Select(o => o.Path));
        Assert.Equal(5, listed[0].Size);
    }

    [Fact]
    public async Task ListAsync_TempFilesOfCrashedWrites_AreIgnoredAndCleanedAtStart()
    {
        var folder = Path.Combine(_root, "lake", "measurements", "hospital=h", "date=2026-01-01");
        Directory.CreateDirectory(folder);
        var temp = Path.Combine(folder, ".tmp-0123-part-x.parquet");
        await File.WriteAllTextAsync(temp, "half");
        await File.WriteAllTextAsync(Path.Combine(folder, "part-a.parquet"), "whole");

        var first = new LocalLakeStore(_root);
        var listed = await first.ListAsync("lake/");

        Assert.Equal(["lake/measurements/hospital=h/date=2026-01-01/part-a.parquet"], listed.Select(o => o.Path));
        Assert.Equal(1, first.RemovedTempFiles);
        Assert.False(File.Exists(temp));

        // A write in progress after start is invisible too.
        await File.WriteAllTextAsync(temp, "in progress");
        Assert.Single(await first.ListAsync("lake/measurements/hospital=h/"));
    }

    [Fact]
    public async Task ListAsync_PartialNamePrefix_MatchesOnlyThatPrefix()
    {
        var store = new LocalLakeStore(_root);
        foreach (var path in new[] { "lake/ab/1", "lake/abc/2", "lake/b/3" })
        {
            await store.WriteAsync(path, (s, ct) => s.WriteAsync(new byte[1], ct).AsTask());
        }

        Assert.Equal(["lake/ab/1", "lake/abc/2"], (await store.ListAsync("lake/ab")).Select(o => o.Path));
        Assert.Equal(["lake/ab/1"], (await store.ListAsync("lake/ab/")).Select(o => o.Path));
        Assert.Empty(await store.ListAsync("nothing/"));
    }

    [Fact]
    public async Task Paths_EscapingTheRoot_AreRejected()
    {
        var store = new LocalLakeStore(_root);

        await Assert.ThrowsAsync<ArgumentException>(() => store.WriteAsync("../evil", (_, _) => Task.CompletedTask));
        await Assert.ThrowsAsync<ArgumentException>(() => store.OpenReadAsync("/etc/passwd"));
        await Assert.ThrowsAsync<ArgumentException>(() => store.ListAsync("lake/../../"));
    }

    [Fact]
    public async Task OpenReadAsync_Missing_ThrowsNotFound()
    {
        var store = new LocalLakeStore(_root);

        var error = await Assert.ThrowsAsync<LakeObjectNotFoundException>(() => store.OpenReadAsync("lake/none.parquet"));

        Assert.Equal("lake/none.parquet", error.LakePath);
        await store.DeleteAsync("lake/none.parquet");
    }

    [Fact]
    public async Task ListAsync_PrunedByPartition_ReturnsRequestedHospitalsAndDays()
    {
        var store = new LocalLakeStore(_root);
        var day = new DateOnly(2026, 2, 1);
        foreach (var (hospital, offset) in new[] { ("a", 0), ("a", 3), ("b", 1), ("c", 0) })
        {
            var path = LakePaths.MeasurementFile(hospital, day.AddDays(offset), offset, offset);
            await store.WriteAsync(path, (s, ct) => s.WriteAsync(new byte[1], ct).AsTask());
        }

        var files = await PartitionPruning.ListAsync(store, LakeDataset.Measurements, new HashSet<string> { "a", "b" }, day, day.AddDays(2));

        Assert.Equal([("a", day), ("b", day.AddDays(1))], files.Select(f => (f.HospitalId, f.Date)));
    }
}
