using Visco.DomainStore.Sqlite;
using Visco.Grains.Interfaces.Measurements;
using Visco.Grains.Interfaces.Results;

namespace Visco.Api.Bench;

/// <summary>
/// The results store alone (SQLite), one caller at a time, as process CPU per operation: a 50-row device page out of
/// 50,000 results of 20 devices, and a row written in 100-row groups with 12-point sweeps. Medians of 5 rounds.
/// </summary>
internal static class StoreBench
{
    public static async Task RunAsync()
    {
        var directory = Directory.CreateTempSubdirectory("visco-store-bench-").FullName;
        try
        {
            var store = new SqliteResultStore(Path.Combine(directory, "results.db"));
            await using (store)
            {
                var start = DateTimeOffset.UtcNow.AddDays(-30);
                double[] sweep = [.. Enumerable.Range(0, 12).Select(i => 1.5 + (i * 25.123456789))];
                var writes = new List<double>();
                for (var round = 0; round < 5; round++)
                {
                    var cpu = Environment.CpuUsage.TotalTime;
                    for (var group = 0; group < 100; group++)
                    {
                        await store.SaveAsync([.. Enumerable.Range(0, 100).Select(i => Event(
                            $"dev-{i % 20}", $"w-{round}-{group}-{i}", sweep, start.AddSeconds((round * 10_000) + (group * 100) + i)))]);
                    }

                    writes.Add((Environment.CpuUsage.TotalTime - cpu).TotalMicroseconds / 10_000);
                }

                var reads = new List<double>();
                for (var round = 0; round < 6; round++)
                {
                    var cpu = Environment.CpuUsage.TotalTime;
                    for (var i = 0; i < 3000; i++)
                    {
                        var page = await store.QueryByDeviceAsync("h-bench", $"dev-{i % 20}", new ResultQuery(Limit: 50));
                        if (page.Items.Count != 50)
                        {
                            throw new InvalidOperationException("The page is short.");
                        }
                    }

                    // The first round warms the JIT up and is left out.
                    if (round > 0)
                    {
                        reads.Add((Environment.CpuUsage.TotalTime - cpu).TotalMicroseconds / 3000);
                    }
                }

                Console.WriteLine($"store write: median {Median(writes):F1} µs CPU per row (100-row groups, 12-point sweeps; rounds {Join(writes)})");
                Console.WriteLine($"store read: median {Median(reads):F0} µs CPU per 50-row device page of 50,000 rows (rounds {Join(reads)})");
            }
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
    }

    private static MeasurementRecorded Event(string deviceId, string sampleId, double[] sweep, DateTimeOffset at) => new(
        deviceId, "h-bench",
        new SweepData(sampleId, at.AddSeconds(-5), 37.0, sweep, sweep, 0.42, "1.0.0"),
        new MeasurementResult(sampleId, new InferenceResult("1", 5.5, 4.1, ResultClasses.Normal, 0.93, []), "sha256:" + Guid.NewGuid().ToString("N"), at),
        at);

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2];
    }

    private static string Join(List<double> values) => string.Join(", ", values.Select(v => v.ToString("F0", System.Globalization.CultureInfo.InvariantCulture)));
}
