using System.Globalization;
using Visco.Lake.Layout;
using Visco.Lake.Parquet;
using Visco.Lake.Parquet.Format;
using Visco.Lake.Rows;
using Visco.Lake.Storage;

namespace Visco.Grains.Archive;

/// <summary>
/// The archive's write-ahead spool: one small file per delivered batch of accepted measurements under
/// <c>lake/_spool/measurements/hospital={h}/{first:D20}-{last:D20}.parquet</c> (the first and last sequence of its rows,
/// so writing the same rows again replaces the same file), written before the stream may move past the batch and
/// deleted once all its rows are in the lake. Folders starting with an underscore are ignored by Hive-style
/// readers (Spark, DuckDB, pyarrow), and the lake's own pruning lists only <c>lake/measurements/</c>.
/// </summary>
public sealed class ArchiveSpool(ILakeStore lake, LakeWriteRetry retry)
{
    private static readonly ParquetWriterOptions SpoolFormat = new() { Codec = CompressionCodec.Uncompressed, WritePageCrc = true };

    /// <summary>The spool folder of a hospital, with a trailing slash.</summary>
    public static string Prefix(string hospitalId) =>
        $"lake/_spool/measurements/hospital={HivePathEscaper.Escape(hospitalId)}/";

    /// <summary>The spool file of the rows from sequence <paramref name="first"/> to <paramref name="last"/>.</summary>
    public static string PathOf(string hospitalId, long first, long last) =>
        $"{Prefix(hospitalId)}{first.ToString("D20", CultureInfo.InvariantCulture)}-{last.ToString("D20", CultureInfo.InvariantCulture)}{LakePaths.Extension}";

    /// <summary>Writes rows of one hospital (in sequence order) durably as one file (retried); returns its path.</summary>
    public async Task<string> WriteAsync(string hospitalId, IReadOnlyList<MeasurementRow> rows, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentOutOfRangeException.ThrowIfZero(rows.Count);
        var path = PathOf(hospitalId, rows[0].Sequence, rows[^1].Sequence);
        await retry.RunAsync(path, ct => lake.WriteAsync(path, (stream, _) =>
        {
            MeasurementParquet.Write(stream, rows, SpoolFormat, fileName: path);
            return Task.CompletedTask;
        }, ct), cancellationToken);
        return path;
    }

    /// <summary>Reads every spooled row of a hospital, in sequence order, with the path of each (several rows share a file).</summary>
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
