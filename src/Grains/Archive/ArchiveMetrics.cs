using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace Visco.Grains.Archive;

/// <summary>
/// The lake's instruments (meter "Visco.Lake"): rows, files and bytes archived, repeats dropped, write retries, and the
/// lag per hospital in events and seconds (what is accepted on the stream but not yet in a lake file).
/// </summary>
public static class ArchiveMetrics
{
    /// <summary>The meter name.</summary>
    public const string MeterName = "Visco.Lake";

    private static readonly Meter Meter = new(MeterName);
    private static readonly ConcurrentDictionary<string, Func<(long Events, double Seconds)>> LagSources = new(StringComparer.Ordinal);

    private static readonly Counter<long> RowsCounter = Meter.CreateCounter<long>("visco.lake.archived_rows", "{row}", "Measurement rows written to the lake.");
    private static readonly Counter<long> FilesCounter = Meter.CreateCounter<long>("visco.lake.files", "{file}", "Lake files written.");
    private static readonly Counter<long> BytesCounter = Meter.CreateCounter<long>("visco.lake.bytes", "By", "Bytes of lake files written.");
    private static readonly Counter<long> DuplicatesCounter = Meter.CreateCounter<long>("visco.lake.duplicates", "{row}", "Samples published twice and archived once.");
    private static readonly Counter<long> RetriesCounter = Meter.CreateCounter<long>("visco.lake.write_retries", "{retry}", "Lake writes retried after a storage failure.");

    private static readonly ObservableGauge<long> LagEvents = Meter.CreateObservableGauge(
        "visco.lake.lag_events", () => Observe(s => s.Events), "{event}", "Accepted measurements not yet in a lake file, per hospital.");

    private static readonly ObservableGauge<double> LagSeconds = Meter.CreateObservableGauge(
        "visco.lake.lag_seconds", () => Observe(s => s.Seconds), "s", "Age of the oldest measurement not yet in a lake file, per hospital.");

    /// <summary>Counts one written file.</summary>
    public static void RecordFile(string hospitalId, int rows, long bytes)
    {
        var tag = new KeyValuePair<string, object?>("hospital", hospitalId);
        RowsCounter.Add(rows, tag);
        FilesCounter.Add(1, tag);
        BytesCounter.Add(bytes, tag);
    }

    /// <summary>Counts a dropped repeat.</summary>
    public static void RecordDuplicate(string hospitalId) => DuplicatesCounter.Add(1, new KeyValuePair<string, object?>("hospital", hospitalId));

    /// <summary>Counts a retried write.</summary>
    public static void RecordRetry() => RetriesCounter.Add(1);

    /// <summary>Adds a hospital's lag source (its active archive grain); dispose to remove it.</summary>
    public static IDisposable AddLagSource(string hospitalId, Func<(long Events, double Seconds)> source)
    {
        LagSources[hospitalId] = source;
        return new Registration(hospitalId, source);
    }

    private static IEnumerable<Measurement<T>> Observe<T>(Func<(long Events, double Seconds), T> pick)
        where T : struct
    {
        foreach (var (hospital, source) in LagSources)
        {
            yield return new Measurement<T>(pick(source()), new KeyValuePair<string, object?>("hospital", hospital));
        }
    }

    private sealed class Registration(string hospitalId, Func<(long Events, double Seconds)> source) : IDisposable
    {
        public void Dispose() => LagSources.TryRemove(new KeyValuePair<string, Func<(long Events, double Seconds)>>(hospitalId, source));
    }
}
