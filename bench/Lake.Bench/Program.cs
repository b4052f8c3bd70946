using System.Diagnostics;
using System.Globalization;
using Visco.Lake.Bench;
using Visco.Lake.Parquet;
using Visco.Lake.Parquet.Format;
using Visco.Lake.Rows;

// Writes and reads ~1,000,000 measurement rows (10-point sweeps) on one thread and prints rows/s, median of several
// runs, by wall clock and by CPU time of the process (the per-core figure, which other load on the machine does not
// distort). Rows are generated once per row group (100,000) and written ten times, so generation is not measured and
// memory stays bounded by one row group. The file goes to the temp folder. Rows are read two ways: an array per row
// group (every row of the group alive at once) and streamed one at a time (rows die young, as in a consumer that
// turns each into something else).
// Usage: dotnet run -c Release --project bench/Lake.Bench [-- runs [rowGroups]]
var runs = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 5;
var rowGroups = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 10;
const int RowGroupSize = MeasurementParquet.DefaultRowGroupSize;
var rows = SampleRows.Create(RowGroupSize, seed: 1);
var totalRows = (long)RowGroupSize * rowGroups;
var path = Path.Combine(Path.GetTempPath(), $"lake-bench-{Environment.ProcessId}.parquet");

Console.WriteLine($"Lake.Bench: {totalRows:N0} measurement rows ({rowGroups} row groups of {RowGroupSize:N0}), median of {runs} runs after a warm-up");
Console.WriteLine($".NET {Environment.Version}, {Environment.ProcessorCount} cores, load average {LoadAverage()}, " +
    $"{(System.Runtime.GCSettings.IsServerGC ? "server" : "workstation")} GC, latency mode {System.Runtime.GCSettings.LatencyMode}");
try
{
    foreach (var codec in new[] { CompressionCodec.Gzip, CompressionCodec.Uncompressed })
    {
        var options = new ParquetWriterOptions { Codec = codec };
        var results = new Dictionary<string, List<Sample>>();
        for (var run = 0; run <= runs; run++)
        {
            var write = Measure(() => Write(path, rows, rowGroups, options));
            var columns = Measure(() => ReadColumns(path, totalRows));
            var objects = Measure(() => ReadRows(path, totalRows));
            var streamed = Measure(() => StreamRows(path, totalRows));
            if (run == 0)
            {
                continue; // warm-up: JIT and page cache
            }

            foreach (var (name, sample) in new[] { ("write", write), ("read columns", columns), ("read rows", objects), ("stream rows", streamed) })
            {
                (results.TryGetValue(name, out var list) ? list : results[name] = []).Add(sample);
            }
        }

        var size = new FileInfo(path).Length;
        Console.WriteLine($"{codec}: file {size / 1e6:N1} MB ({(double)size / totalRows:N1} B/row)");
        foreach (var (name, samples) in results)
        {
            Console.WriteLine($"  {name,-13} {totalRows / Median(samples, s => s.CpuSeconds),11:N0} rows/s per core (CPU time)  " +
                $"{totalRows / Median(samples, s => s.WallSeconds),11:N0} rows/s wall  " +
                $"allocated {Median(samples, s => s.Allocated) / totalRows,6:N0} B/row");
        }
    }

    Console.WriteLine($"load average at the end {LoadAverage()}");
    Console.WriteLine($"peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / 1e6:N0} MB (includes the {RowGroupSize:N0} generated rows)");
}
finally
{
    File.Delete(path);
}

static void Write(string path, MeasurementRow[] rows, int rowGroups, ParquetWriterOptions options)
{
    using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20);
    using var writer = new ParquetFileWriter(file, MeasurementParquet.Schema, options, path);
    for (var g = 0; g < rowGroups; g++)
    {
        MeasurementParquet.WriteRowGroup(writer, rows, 0, rows.Length);
    }

    writer.Close();
}

static void ReadColumns(string path, long expectedRows)
{
    using var reader = ParquetFileReader.Open(path);
    long count = 0;
    for (var g = 0; g < reader.RowGroupCount; g++)
    {
        count += reader.ReadRowGroup(g)[0].RowCount;
    }

    Check(count, expectedRows);
}

static void ReadRows(string path, long expectedRows)
{
    using var reader = ParquetFileReader.Open(path);
    long count = 0;
    for (var g = 0; g < reader.RowGroupCount; g++)
    {
        count += MeasurementParquet.ReadRowGroup(reader, g).Length;
    }

    Check(count, expectedRows);
}

static void StreamRows(string path, long expectedRows)
{
    using var reader = ParquetFileReader.Open(path);
    long count = 0;
    double sum = 0;
    foreach (var row in MeasurementParquet.ReadRows(reader))
    {
        // Touch each row as a consumer would, so nothing is optimized away.
        sum += row.ShearStress.Length + row.Confidence;
        count++;
    }

    Check(count, expectedRows);
    GC.KeepAlive(sum);
}

static void Check(long count, long expected)
{
    if (count != expected)
    {
        throw new InvalidOperationException($"read {count} rows, expected {expected}");
    }
}

static Sample Measure(Action action)
{
    GC.Collect();
    GC.WaitForPendingFinalizers();
    var process = Process.GetCurrentProcess();
    var allocated = GC.GetTotalAllocatedBytes(precise: true);
    var cpu = process.TotalProcessorTime;
    var watch = Stopwatch.StartNew();
    action();
    watch.Stop();
    process.Refresh();
    return new Sample(watch.Elapsed.TotalSeconds, (process.TotalProcessorTime - cpu).TotalSeconds,
        GC.GetTotalAllocatedBytes(precise: true) - allocated);
}

static double Median(List<Sample> samples, Func<Sample, double> value)
{
    var sorted = samples.Select(value).Order().ToList();
    return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
}

static string LoadAverage() =>
    File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "n/a";

internal readonly record struct Sample(double WallSeconds, double CpuSeconds, long Allocated);
