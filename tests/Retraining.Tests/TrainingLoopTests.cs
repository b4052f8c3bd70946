using System.Collections.Concurrent;
using Visco.Grains.Archive;
using Visco.Grains.Interfaces.Api;
using Visco.Grains.Interfaces.Ingress;
using Visco.Grains.Interfaces.Models;
using Visco.Lake.Storage;
using Visco.Model;
using Visco.Model.Files;
using Visco.Model.Simulation;
using Visco.Retraining.Tests.Hosting;

namespace Visco.Retraining.Tests;

/// <summary>
/// The whole loop on a real silo: the simulator's sweeps through the measurement path into the lake, labels from its
/// ground truth through the label store, the retraining job, registration and activation, and the inference pool
/// switching under load.
/// </summary>
public sealed class TrainingLoopTests
{
    private const int Measurements = 3000;
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task RetrainOnSimulatedLake_ActivateUnderLoad_CandidateAtLeastAsGoodAndNoCallFails()
    {
        var silo = await ArchiveSilo.StartAsync(new ArchiveOptions { MaxBatchRows = 500, MaxBatchAge = TimeSpan.FromMinutes(10), RetryDelay = TimeSpan.Zero });
        await using (silo)
        {
            var registry = silo.Grains.GetGrain<IModelRegistryGrain>(IModelRegistryGrain.DefaultKey);
            await registry.Register(Bytes(ModelBootstrap.TrainVersion1(sweepCount: 1000)), "test");
            await registry.Activate(ModelBootstrap.Version, "test");
            var hospitals = new[] { "h-north", "h-south" };
            foreach (var hospital in hospitals)
            {
                await silo.Registrar.CreateHospitalAsync(hospital, hospital);
            }

            // The fleet: the simulator's analysers spread over two hospitals, each with its own simulated profile.
            var simulator = new BloodSimulator(991, new SimulatorOptions());
            var deviceOf = new Dictionary<string, (string Hospital, string Device)>(StringComparer.Ordinal);
            var generated = simulator.Generate(Measurements);
            foreach (var m in generated.Where(m => !deviceOf.ContainsKey(m.DeviceId)))
            {
                var target = (hospitals[deviceOf.Count % 2], $"an-{deviceOf.Count}");
                deviceOf[m.DeviceId] = target;
                await silo.Registrar.RegisterDeviceAsync(target.Item1, target.Item2);
            }

            // Devices send in parallel, each in its own order, as a fleet does.
            await Parallel.ForEachAsync(generated.GroupBy(m => m.DeviceId), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (device, _) =>
            {
                var target = deviceOf[device.Key];
                foreach (var m in device)
                {
                    var accepted = await silo.Handler.HandleAsync(new DeviceMessage(
                        target.Device, target.Hospital, DeviceMessageKind.Measurement, null, Payloads.FromSweep(m.Sweep), silo.Time.GetUtcNow(), 5));
                    Assert.Equal(DeviceMessageStatus.Accepted, accepted.Status);
                    var truth = TrainingExample.FromSimulation(m);
                    await silo.Labels.SaveAsync(new SampleLabel(
                        target.Hospital, m.Sweep.SampleId, truth.LowShearViscosity37, truth.HighShearViscosity37,
                        Visco.Model.Evaluation.ModelEvaluator.ClassNames[(int)truth.Class], "lab-reference", silo.Time.GetUtcNow(), "lab"));
                }
            });

            var archived = 0L;
            foreach (var hospital in hospitals)
            {
                // No sample is sent twice here, so the stream of a hospital holds exactly its measurements.
                var expected = generated.Count(m => deviceOf[m.DeviceId].Hospital == hospital);
                await BoundedWait.UntilAsync(async () => (await silo.Archive(hospital).GetStatus()).LastSequence == expected, Wait, $"archive of {hospital}");
                var status = await silo.Archive(hospital).Flush();
                Assert.Equal(expected, status.ArchivedThrough);
                archived += status.Rows;
            }

            Assert.Equal(Measurements, archived);
            var stored = await silo.Labels.FindAsync(hospitals[0], (await LakeReadBack.MeasurementsAsync(silo.Lake, hospitals[0]))[0].Row.SampleId);
            Assert.Equal("lab-reference", Assert.Single(stored).Source);

            var result = await new RetrainingJob(silo.Lake).RunAsync(new RetrainingOptions { ActiveVersion = ModelBootstrap.Version });

            Assert.Equal("2", result.CandidateVersion);
            Assert.True(result.Candidate.HighShear.MeanAbsoluteError <= result.Active!.HighShear.MeanAbsoluteError,
                $"candidate MAE {result.Candidate.HighShear.MeanAbsoluteError} vs bootstrap {result.Active.HighShear.MeanAbsoluteError}");
            Assert.True(result.Candidate.Classification.Accuracy >= result.Active.Classification.Accuracy - 0.01);
            foreach (var file in new[] { "report.md", "manifest.json", "predicted-vs-reference.svg", "residuals-by-hospital.svg", "residuals-by-device.svg", "confusion-candidate.svg" })
            {
                Assert.True(await silo.Lake.ExistsAsync($"lake/models/2/{file}"), file);
            }

            await HotSwapUnderLoadAsync(silo, registry, result, deviceOf.Values.First());
        }
    }

    private static async Task HotSwapUnderLoadAsync(ArchiveSilo silo, IModelRegistryGrain registry, RetrainingResult result, (string Hospital, string Device) device)
    {
        // The hand-off as the silo's retrain verb does it: register the file the job wrote, activate per the manifest (forced here).
        await using (var model = await silo.Lake.OpenReadAsync(result.ModelPath))
        {
            using var copy = new MemoryStream();
            await model.CopyToAsync(copy);
            await registry.Register(copy.ToArray(), "retrain");
        }

        var failures = new ConcurrentQueue<string>();
        var versions = new ConcurrentQueue<string?>();
        using var stop = new CancellationTokenSource();
        var sweeps = new BloodSimulator(5, new SimulatorOptions { AirBubbleRate = 0, ClotRate = 0, UnderFilledRate = 0 });
        var sent = 0;
        async Task LoadAsync(int worker)
        {
            while (!stop.IsCancellationRequested)
            {
                Sweep sweep;
                lock (sweeps)
                {
                    sweep = sweeps.Next().Sweep with { SampleId = $"load-{worker}-{Interlocked.Increment(ref sent)}" };
                }

                var outcome = await silo.Handler.HandleAsync(new DeviceMessage(
                    device.Device, device.Hospital, DeviceMessageKind.Measurement, null, Payloads.FromSweep(sweep), silo.Time.GetUtcNow(), 5));
                if (outcome.Status != DeviceMessageStatus.Accepted)
                {
                    failures.Enqueue($"{outcome.Status}: {outcome.Reason}");
                }
                else
                {
                    versions.Enqueue(Payloads.ModelVersionOf(outcome.Replies[0].Payload));
                }
            }
        }

        var load = Enumerable.Range(0, 4).Select(w => Task.Run(() => LoadAsync(w))).ToArray();
        await BoundedWait.UntilAsync(() => Task.FromResult(Volatile.Read(ref sent) > 50), Wait, "load to start");
        await registry.Activate(result.CandidateVersion, "retrain");
        versions.Clear();

        // The workers poll the registry every second of the (manual) clock: one tick must switch them all.
        silo.Time.Advance(TimeSpan.FromSeconds(1.1));
        await BoundedWait.UntilAsync(() => Task.FromResult(versions.Count(v => v == result.CandidateVersion) > 100 && versions.TakeLast(20).All(v => v == result.CandidateVersion)),
            Wait, "results from the new model");
        await stop.CancelAsync();
        await Task.WhenAll(load);

        Assert.Empty(failures);
        Assert.True(Volatile.Read(ref sent) > 100);
    }

    private static byte[] Bytes(ViscosityModel model)
    {
        using var stream = new MemoryStream();
        ModelFile.Save(model, stream);
        return stream.ToArray();
    }
}
