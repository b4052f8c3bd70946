using Visco.Lake.Layout;

namespace Visco.Lake.Tests.Layout;

public sealed class LakePathsTests
{
    [Fact]
    public void MeasurementFile_Batch_NamesPartitionAndZeroPaddedSequences()
    {
        var path = LakePaths.MeasurementFile("h1", new DateOnly(2026, 1, 2), 5, 1234);

        Assert.Equal("lake/measurements/hospital=h1/date=2026-01-02/part-00000000000000000005-00000000000000001234.parquet", path);
    }

    [Fact]
    public void MeasurementFile_SameBatchTwice_SameName()
    {
        var date = new DateOnly(2026, 5, 6);

        Assert.Equal(LakePaths.MeasurementFile("h", date, 10, 20), LakePaths.MeasurementFile("h", date, 10, 20));
        Assert.NotEqual(LakePaths.MeasurementFile("h", date, 10, 20), LakePaths.MeasurementFile("h", date, 10, 21));
    }

    [Theory]
    [InlineData("a/b=c", "a%2Fb%3Dc")]
    [InlineData("St. Mary's #2", "St. Mary%27s %232")]
    [InlineData("100%", "100%25")]
    [InlineData("Zürich ✓", "Zürich ✓")]
    [InlineData("x:y?z*\\", "x%3Ay%3Fz%2A%5C")]
    public void Escape_SpecialCharacters_HiveStyleAndReversible(string value, string escaped)
    {
        Assert.Equal(escaped, HivePathEscaper.Escape(value));
        Assert.Equal(value, HivePathEscaper.Unescape(escaped));
    }

    [Fact]
    public void TryParse_EscapedHospital_ReturnsOriginalValues()
    {
        var path = LakePaths.LabelFile("a/b=c", new DateOnly(2025, 12, 31), 0, long.MaxValue);

        Assert.True(LakePaths.TryParse(path, out var file));
        Assert.Equal(new LakeFile(path, LakeDataset.Labels, "a/b=c", new DateOnly(2025, 12, 31), 0, long.MaxValue), file);
    }

    [Theory]
    [InlineData("lake/measurements/hospital=h/date=2026-01-01/.tmp-abc-part-00000000000000000001-00000000000000000002.parquet")]
    [InlineData("lake/measurements/hospital=h/date=2026-13-01/part-00000000000000000001-00000000000000000002.parquet")]
    [InlineData("lake/measurements/hospital=h/date=2026-01-01/part-00000000000000000003-00000000000000000002.parquet")]
    [InlineData("lake/measurements/hospital=h/part-00000000000000000001-00000000000000000002.parquet")]
    [InlineData("lake/models/v1/model.json")]
    [InlineData("other/measurements/hospital=h/date=2026-01-01/part-00000000000000000001-00000000000000000002.parquet")]
    public void TryParse_NotADataFile_ReturnsFalse(string path)
    {
        Assert.False(LakePaths.TryParse(path, out _));
    }

    [Fact]
    public void ModelFile_Version_LivesUnderModels()
    {
        Assert.Equal("lake/models/v2026.1/model.json", LakePaths.ModelFile("v2026.1", "model.json"));
        Assert.Throws<ArgumentException>(() => LakePaths.ModelFile("v1", "../x"));
    }

    [Fact]
    public void Select_HospitalsAndDates_KeepsOnlyMatchingPartitions()
    {
        var d1 = new DateOnly(2026, 1, 1);
        var paths = new[]
        {
            LakePaths.MeasurementFile("a", d1, 1, 2),
            LakePaths.MeasurementFile("a", d1.AddDays(1), 3, 4),
            LakePaths.MeasurementFile("a", d1.AddDays(5), 5, 6),
            LakePaths.MeasurementFile("b", d1, 1, 1),
            LakePaths.MeasurementFile("c", d1, 1, 1),
            LakePaths.LabelFile("a", d1, 1, 1),
            "lake/measurements/hospital=a/date=2026-01-01/notes.txt",
        };

        var selected = PartitionPruning.Select(paths, LakeDataset.Measurements, new HashSet<string> { "a", "b" }, d1, d1.AddDays(1));

        Assert.Equal([paths[0], paths[1], paths[3]], selected.Select(f => f.Path));
    }
}
