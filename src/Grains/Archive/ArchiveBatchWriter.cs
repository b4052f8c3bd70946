using Visco.Lake.Layout;
using Visco.Lake.Parquet;
using Visco.Lake.Rows;
using Visco.Lake.Storage;

namespace Visco.Grains.Archive;

/// <summary>
/// Writes one batch of a hospital's measurements: one Parquet file per date partition, each named by the first and
/// last sequence of its own rows, so writing the same batch again replaces the same files.
/// </summary>
public sealed class ArchiveBatchWriter(ILakeStore lake, LakeWriteRetry retry)
{
    /// <summary>The key-value metadata key of the lake schema version (the retraining job refuses newer files).</summary>
    public const string SchemaVersionKey = "visco.lake.schema_version";

    /// <summary>The lake schema version this build writes.</summary>
    public const int SchemaVersion = 1;

    private static readonly ParquetWriterOptions Format = new()
    {
        KeyValueMetadata = new Dictionary<string, string> { [SchemaVersionKey] = SchemaVersion.ToString(System.Globalization.CultureInfo.InvariantCulture) },
    };

    /// <summary>Writes the oldest <paramref name="count"/> rows of <paramref name="rows"/>; returns how many files and bytes.</summary>
    public async Task<(int Files, long Bytes)> WriteAsync(string hospitalId, MeasurementColumns rows, int count, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, rows.Count);
        var files = 0;
        long bytes = 0;
        foreach (var partition in Enumerable.Range(0, count).GroupBy(i => ArchiveRows.Partition(rows.ReceivedAt(i))).OrderBy(g => g.Key))
        {
            var group = partition.OrderBy(rows.Sequence).ToList();
            var path = LakePaths.MeasurementFile(hospitalId, partition.Key, rows.Sequence(group[0]), rows.Sequence(group[^1]));
            long size = 0;
            await retry.RunAsync(path, ct => lake.WriteAsync(path, (stream, _) =>
            {
                using var counting = new MemoryStream();
                MeasurementParquet.Write(counting, rows, group, Format, fileName: path);
                size = counting.Length;
                counting.Position = 0;
                return counting.CopyToAsync(stream, ct);
            }, ct), cancellationToken);
            ArchiveMetrics.RecordFile(hospitalId, group.Count, size);
            files++;
            bytes += size;
        }

        return (files, bytes);
    }
}
