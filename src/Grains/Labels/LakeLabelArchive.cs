using Visco.Grains.Archive;
using Visco.Grains.Interfaces.Api;
using Visco.Lake.Layout;
using Visco.Lake.Rows;
using Visco.Lake.Storage;

namespace Visco.Grains.Labels;

/// <summary>
/// Writes labels to <c>lake/labels/hospital={h}/date={d}/part-{t}-{t}.parquet</c>, where t is the label's recorded
/// time in UTC microseconds (labels have no stream sequence; the time orders them the same way). Labels sharing a
/// file name are merged into it, a repeat of the same (sample, source) replacing the older row, so saving a label
/// again after a failure leaves one copy. The retraining job keeps the newest label per (hospital, sample, source).
/// </summary>
public sealed class LakeLabelArchive(ILakeStore lake, LakeWriteRetry retry)
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>The lake file a label goes to.</summary>
    public static string PathOf(SampleLabel label)
    {
        ArgumentNullException.ThrowIfNull(label);
        var micros = (label.RecordedAt.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / 10;
        return LakePaths.LabelFile(label.HospitalId, DateOnly.FromDateTime(label.RecordedAt.UtcDateTime), Math.Max(0, micros), Math.Max(0, micros));
    }

    /// <summary>The lake row of a label.</summary>
    public static LabelRow ToRow(SampleLabel label)
    {
        ArgumentNullException.ThrowIfNull(label);
        return new LabelRow(label.SampleId, label.HospitalId, label.ReferenceViscosityLow, label.ReferenceViscosityHigh,
            label.ReferenceClass, label.Source, label.RecordedAt.ToUniversalTime(), label.RecordedBy);
    }

    /// <summary>Archives one label (retried on storage failures; the last failure propagates).</summary>
    public async Task ArchiveAsync(SampleLabel label, CancellationToken cancellationToken = default)
    {
        var path = PathOf(label);
        var row = ToRow(label);
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await retry.RunAsync(path, async ct =>
            {
                var rows = new List<LabelRow>();
                if (await lake.ExistsAsync(path, ct))
                {
                    await using var existing = await lake.OpenReadAsync(path, ct);
                    rows.AddRange(LabelParquet.Read(existing, path).Where(r => r.SampleId != row.SampleId || r.Source != row.Source));
                }

                rows.Add(row);
                await lake.WriteAsync(path, (stream, _) =>
                {
                    LabelParquet.Write(stream, rows, fileName: path);
                    return Task.CompletedTask;
                }, ct);
            }, cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }
}
