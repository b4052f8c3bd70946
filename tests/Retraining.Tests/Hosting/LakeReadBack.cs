using Visco.Lake.Layout;
using Visco.Lake.Rows;
using Visco.Lake.Storage;

namespace Visco.Retraining.Tests.Hosting;

/// <summary>Reads the lake back with our reader, as an independent check of what the archive wrote.</summary>
public static class LakeReadBack
{
    /// <summary>Every measurement row of a hospital, with the file it is in.</summary>
    public static async Task<List<(string File, MeasurementRow Row)>> MeasurementsAsync(ILakeStore lake, string hospitalId)
    {
        var files = await PartitionPruning.ListAsync(lake, LakeDataset.Measurements, new HashSet<string> { hospitalId }, DateOnly.MinValue, DateOnly.MaxValue);
        var rows = new List<(string, MeasurementRow)>();
        foreach (var file in files)
        {
            await using var stream = await lake.OpenReadAsync(file.Path);
            rows.AddRange(MeasurementParquet.Read(stream, file.Path).Select(r => (file.Path, r)));
        }

        return rows;
    }
}
