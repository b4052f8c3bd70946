using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Visco.Grains.Archive;
using Visco.Grains.Hosting;
using Visco.Grains.Interfaces.Ingress;
using Visco.Grains.Interfaces.Measurements;
using Visco.Grains.Interfaces.Results;
using Visco.Model.Simulation;
using Visco.Runtime.Abstractions;
using Visco.Runtime.Abstractions.Streams;
using Visco.Runtime.Hosting;
using Visco.Runtime.Storage.Memory;

namespace Visco.Retraining.Bench;

/// <summary>
/// Archive throughput and lag: publishes events on the hospitals' measurement streams as fast as the stream takes
/// them (a memory runtime store, so the stream is not the bottleneck) while the real consumers run (results projection
/// to SQLite, hospital statistics, the archive to a lake folder on disk), and reports rows/s archived and the largest
/// lag the "Visco.Lake" gauges showed.
/// </summary>
internal static class ArchiveBench
{
    public static async Task<int> RunAsync(int events, int hospitals)
    {
        var root = Directory.CreateTempSubdirectory("visco-archive-bench-").FullName;
        try
        {
            var services = new ServiceCollection();
            services.AddLogging();
            services.AddSingleton<IResultStore>(new DomainStore.Sqlite.SqliteResultStore(Path.Combine(root, "results.db")));
            services.AddSingleton<IDeviceConnections>(new NoConnections());
            SiloHost? silo = null;
            services.AddSingleton<IGrainFactory>(_ => silo!.GrainFactory);
            services.AddViscoGrainServices(new GrainsOptions { BootstrapSweepCount = 1000 }, root);
            services.AddViscoArchiveServices(new ArchiveOptions(), root);
            await using var provider = services.BuildServiceProvider();
            silo = new SiloHost(new MemoryRuntimeStore(), [ViscoGrains.Assembly], new SiloOptions(), provider);
            await silo.StartAsync();

            var maxLagEvents = 0L;
            var maxLagSeconds = 0.0;
            using var listener = new MeterListener();
            listener.InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == ArchiveMetrics.MeterName)
                {
                    l.EnableMeasurementEvents(instrument);
                }
            };
            listener.SetMeasurementEventCallback<long>((i, v, _, _) => { if (i.Name == "visco.lake.lag_events") { maxLagEvents = Math.Max(maxLagEvents, v); } });
            listener.SetMeasurementEventCallback<double>((i, v, _, _) => { if (i.Name == "visco.lake.lag_seconds") { maxLagSeconds = Math.Max(maxLagSeconds, v); } });
            listener.Start();

            var simulator = new BloodSimulator(3);
            var template = simulator.Next().Sweep;
            var perHospital = events / hospitals;
            var clock = Stopwatch.StartNew();
            var publishers = Enumerable.Range(0, hospitals).Select(h => Task.Run(async () =>
            {
                var stream = silo.GetStreamProvider().GetStream<MeasurementRecorded>(new StreamId(MeasurementRecorded.StreamNamespace, $"h{h}"));
                for (var i = 0; i < perHospital; i += 100)
                {
                    var now = DateTimeOffset.UtcNow;
                    var batch = Enumerable.Range(i, Math.Min(100, perHospital - i)).Select(n => new MeasurementRecorded($"d{n % 20}", $"h{h}",
                        new SweepData($"s{n}", now, 37, template.ShearRate, template.ShearStress, 0.45, "fw"),
                        new MeasurementResult($"s{n}", new InferenceResult("1", 12, 4, "normal", 0.9, []), "sha256:00", now), now)).ToList();
                    await stream.OnNextBatchAsync(batch);
                }
            })).ToArray();
            await Task.WhenAll(publishers);
            var published = clock.Elapsed;
            while (true)
            {
                listener.RecordObservableInstruments();
                var done = 0L;
                for (var h = 0; h < hospitals; h++)
                {
                    done += (await silo.GrainFactory.GetGrain<IArchiveGrain>($"h{h}").GetStatus()).LastSequence;
                }

                if (done >= perHospital * hospitals)
                {
                    break;
                }

                await Task.Delay(100);
            }

            for (var h = 0; h < hospitals; h++)
            {
                await silo.GrainFactory.GetGrain<IArchiveGrain>($"h{h}").Flush();
            }

            var total = clock.Elapsed;
            Console.WriteLine($"events {perHospital * hospitals:N0} over {hospitals} hospitals; published in {published.TotalSeconds:0.0} s");
            Console.WriteLine($"archived (incl. final flush) in {total.TotalSeconds:0.0} s: {perHospital * hospitals / total.TotalSeconds:N0} rows/s");
            Console.WriteLine($"largest lag seen: {maxLagEvents:N0} events, {maxLagSeconds:0.00} s");
            await silo.StopAsync();
            return 0;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(root, recursive: true);
        }
    }

    private sealed class NoConnections : IDeviceConnections
    {
        public bool IsConnected(string deviceId) => false;

        public Task<bool> PublishAsync(string deviceId, OutboundMessage message, CancellationToken cancellationToken = default) => Task.FromResult(false);

        public Task<bool> DisconnectAsync(string deviceId, string reason, CancellationToken cancellationToken = default) => Task.FromResult(false);
    }
}
