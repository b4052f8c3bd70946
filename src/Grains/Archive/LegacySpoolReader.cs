using Visco.Lake.Layout;
using Visco.Lake.Parquet;
using Visco.Lake.Rows;
using Visco.Lake.Storage;

namespace Visco.Grains.Archive;

/// <summary>
/// Reads what the write-ahead spool of earlier versions left behind: one Parquet file per delivered batch under
/// <c>lake/_spool/measurements/hospital={h}/</c>, holding rows the stream's checkpoint had already moved past (that
/// version completed a delivery once it was spooled). The archive writes such rows to the lake once, on activation,
/// then deletes the files; nothing writes the spool any more.
/// </summary>
public sealed class LegacySpoolReader(ILakeStore lake)
{
    /// <summary>The spool folder of a hospital, with a trailing slash.</summary>
    public static string Prefix(string hospitalId) =>
        $"lake/_spool/measurements/hospital={HivePathEscaper.Escape(hospitalId)}/";

    /// <summary>Every spooled row of a hospital in sequence order, with the path of each (several rows share a file).</summary>
    public async Task<IReadOnlyList<(string Path, MeasurementRow Row)>> ReadAllAsync(string hospitalId, CancellationToken cancellationToken)
    {
        var result = new List<(string, MeasurementRow)>();
        foreach (var entry in await lake.ListAsync(Prefix(hospitalId), cancellationToken))
        {
            if (!entry.Path.EndsWith(LakePaths.Extension, StringComparison.Ordinal))
            {
                continue;
            }

            await using var stream = await lake.OpenReadAsync(entry.Path, cancellationToken);
            foreach (var row in MeasurementParquet.Read(stream, entry.Path))
            {
                result.Add((entry.Path, row));
            }
        }

        result.Sort((a, b) => a.Item2.Sequence.CompareTo(b.Item2.Sequence));
        return result;
    }

    /// <summary>Deletes a spooled file.</summary>
    public Task DeleteAsync(string path, CancellationToken cancellationToken) => lake.DeleteAsync(path, cancellationToken);
}
