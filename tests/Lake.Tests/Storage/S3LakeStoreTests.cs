using Visco.Lake.Layout;
using Visco.Lake.Rows;
using Visco.Lake.Storage;
using Visco.Lake.Tests.Interop;
using Visco.Lake.Tests.Rows;

namespace Visco.Lake.Tests.Storage;

public sealed class S3LakeStoreTests
{
    [InteropFact]
    public async Task S3Store_AgainstS3rver_WritesListsReadsAndDeletes()
    {
        await using var server = await S3rverProcess.StartAsync("lake-bucket");
        using var store = new S3LakeStore(new S3LakeStoreOptions
        {
            Bucket = "lake-bucket",
            KeyPrefix = "test/",
            ServiceUrl = server.ServiceUrl,
            AccessKey = "S3RVER",
            SecretKey = "S3RVER",
        });
        var rows = MeasurementSamples.Rows(50, seed: 3);
        var path = LakePaths.MeasurementFile("h1", new DateOnly(2026, 1, 1), 0, 49);

        await store.WriteAsync(path, (s, _) =>
        {
            MeasurementParquet.Write(s, rows, fileName: path);
            return Task.CompletedTask;
        });
        await store.WriteAsync(path, (s, _) =>
        {
            MeasurementParquet.Write(s, rows, fileName: path);
            return Task.CompletedTask;
        });
        await Assert.ThrowsAsync<InvalidOperationException>(() => store.WriteAsync("lake/broken.parquet", (s, _) =>
            throw new InvalidOperationException("crash before upload")));

        var listed = await store.ListAsync("lake/");
        await using var read = await store.OpenReadAsync(path);
        var back = MeasurementParquet.Read(read, path);

        Assert.Equal([path], listed.Select(o => o.Path));
        Assert.True(await store.ExistsAsync(path));
        Assert.False(await store.ExistsAsync("lake/broken.parquet"));
        MeasurementSamples.AssertEqual(rows, back);
        await Assert.ThrowsAsync<LakeObjectNotFoundException>(() => store.OpenReadAsync("lake/missing.parquet"));

        await store.DeleteAsync(path);
        Assert.Empty(await store.ListAsync("lake/"));
    }

    [Fact]
    public void Options_Invalid_ExplainHowToFix()
    {
        Assert.Contains("Bucket", Assert.Throws<ArgumentException>(() => new S3LakeStoreOptions().Validate()).Message);
        Assert.Contains("together", Assert.Throws<ArgumentException>(() =>
            new S3LakeStoreOptions { Bucket = "b", AccessKey = "a" }.Validate()).Message);
        Assert.Contains("end with '/'", Assert.Throws<ArgumentException>(() =>
            new S3LakeStoreOptions { Bucket = "b", KeyPrefix = "x" }.Validate()).Message);
    }
}
