using Visco.Lake.Parquet;
using Visco.Model;
using Visco.Model.Files;
using Visco.Retraining.Data;
using Visco.Retraining.Tests.Hosting;

namespace Visco.Retraining.Tests;

public sealed class RetrainingJobTests
{
    private static readonly DateOnly Day = new(2026, 11, 20);

    [Fact]
    public async Task RunAsync_TruncatedFile_RefusesNamingIt()
    {
        using var lake = new SyntheticLake();
        await lake.AddAsync("h1", Day, 300, 1, 1);
        var bad = await lake.AddAsync("h1", Day.AddDays(1), 50, 301, 2);
        var file = Path.Combine(lake.Root, bad);
        File.WriteAllBytes(file, File.ReadAllBytes(file)[..^100]);

        var refused = await Assert.ThrowsAsync<RetrainingRefusedException>(() => new RetrainingJob(lake.Store).RunAsync(new RetrainingOptions()));

        Assert.Contains(bad, Assert.Single(refused.Files), StringComparison.Ordinal);
        Assert.Contains(bad, refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_NewerSchemaVersion_RefusesNamingIt()
    {
        using var lake = new SyntheticLake();
        await lake.AddAsync("h1", Day, 300, 1, 1);
        var newer = await lake.AddAsync("h2", Day, 20, 1, 3, format: new ParquetWriterOptions
        {
            KeyValueMetadata = new Dictionary<string, string> { [LakeSchemaVersion.Key] = "2" },
        });

        var refused = await Assert.ThrowsAsync<RetrainingRefusedException>(() => new RetrainingJob(lake.Store).RunAsync(new RetrainingOptions()));

        Assert.Contains(newer, refused.Message, StringComparison.Ordinal);
        Assert.Contains("schema version 2", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_NaNInSweep_RefusesNamingFile()
    {
        using var lake = new SyntheticLake();
        await lake.AddAsync("h1", Day, 300, 1, 1);
        var nan = await lake.AddAsync("h1", Day.AddDays(2), 10, 400, 4, r => r.Sequence == 405 ? r with { ShearStress = [.. r.ShearStress[..^1], double.NaN] } : r);

        var refused = await Assert.ThrowsAsync<RetrainingRefusedException>(() => new RetrainingJob(lake.Store).RunAsync(new RetrainingOptions()));

        Assert.Equal(nan, refused.Files.Single()[..nan.Length]);
        Assert.Contains("NaN", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_TooFewLabelledRows_Refuses()
    {
        using var lake = new SyntheticLake();
        await lake.AddAsync("h1", Day, 120, 1, 1);

        var refused = await Assert.ThrowsAsync<RetrainingRefusedException>(() => new RetrainingJob(lake.Store).RunAsync(new RetrainingOptions()));

        Assert.Contains("Only 120 labelled", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_PrunedToOneHospitalAndDay_ReadsOnlyThoseAndSkipsCorruptElsewhere()
    {
        using var lake = new SyntheticLake();
        await lake.AddAsync("h1", Day, 400, 1, 1);
        await lake.AddAsync("h1", Day.AddDays(5), 50, 401, 2);
        var elsewhere = await lake.AddAsync("h2", Day, 50, 1, 3);
        File.WriteAllBytes(Path.Combine(lake.Root, elsewhere), [1, 2, 3]);

        var data = await new LakeTrainingReader(lake.Store).ReadAsync(
            new RetrainingOptions { Hospitals = new HashSet<string> { "h1" }, From = Day, To = Day }, null, CancellationToken.None);

        Assert.Equal(1, data.MeasurementFiles);
        Assert.Equal(400, data.Samples.Count);
        Assert.All(data.Samples, s => Assert.Equal("h1", s.HospitalId));
    }

    [Fact]
    public void SampleSplit_SameSample_SamePartEveryTime()
    {
        var parts = Enumerable.Range(0, 10_000).Select(i => SampleSplit.Of("h", "d", $"s{i}", 15, 15)).ToList();

        Assert.Equal(parts, Enumerable.Range(0, 10_000).Select(i => SampleSplit.Of("h", "d", $"s{i}", 15, 15)));
        Assert.InRange(parts.Count(p => p == SplitPart.HoldOut), 1300, 1700);
        Assert.InRange(parts.Count(p => p == SplitPart.Validation), 1300, 1700);
    }

    [Fact]
    public async Task RunAsync_ForceActivate_WritesModelManifestAndPlots()
    {
        using var lake = new SyntheticLake();
        await lake.AddAsync("h1", Day, 700, 1, 1);
        await lake.AddAsync("h2", Day, 700, 1, 2);
        var active = ModelBootstrap.TrainVersion1(sweepCount: 1000);
        await lake.Store.WriteAsync("lake/models/1/model.vmdl", (s, _) => { ModelFile.Save(active, s); return Task.CompletedTask; });

        var result = await new RetrainingJob(lake.Store).RunAsync(new RetrainingOptions { ActiveVersion = "1", ForceActivate = true });

        Assert.Equal("2", result.CandidateVersion);
        Assert.True(result.Activate);
        Assert.Equal("1", result.Active!.ModelVersion);
        await using (var manifest = await lake.Store.OpenReadAsync(result.ManifestPath))
        {
            using var copy = new MemoryStream();
            await manifest.CopyToAsync(copy);
            Assert.Equal(("2", true), ModelManifest.Read(copy.ToArray()));
        }

        await using (var model = await lake.Store.OpenReadAsync(result.ModelPath))
        {
            Assert.Equal("2", ModelFile.Load(model).Version);
        }

        var svg = await File.ReadAllTextAsync(Path.Combine(lake.Root, "lake/models/2/confusion-candidate.svg"));
        Assert.StartsWith("<svg", svg, StringComparison.Ordinal);
        var report = await File.ReadAllTextAsync(Path.Combine(lake.Root, result.ReportPath));
        Assert.Contains("**Decision:** activate", report, StringComparison.Ordinal);
        Assert.Contains("residuals-by-device.svg", report, StringComparison.Ordinal);
    }
}
