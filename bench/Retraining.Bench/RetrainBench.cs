using System.Diagnostics;
using Visco.Lake.Layout;
using Visco.Lake.Rows;
using Visco.Lake.Storage;
using Visco.Model;
using Visco.Model.Evaluation;
using Visco.Model.Files;
using Visco.Model.Simulation;

namespace Visco.Retraining.Bench;

/// <summary>
/// Retraining on a large lake: writes <c>rows</c> simulated, labelled measurements (4 hospitals, files of 100,000
/// rows), the bootstrap model as the active version, then runs the job and prints each stage's time and the memory.
/// </summary>
internal static class RetrainBench
{
    public static async Task<int> RunAsync(int rows)
    {
        var root = Directory.CreateTempSubdirectory("visco-retrain-bench-").FullName;
        try
        {
            var lake = new LocalLakeStore(root);
            var clock = Stopwatch.StartNew();
            var simulator = new BloodSimulator(20261122, new SimulatorOptions());
            const int FileRows = 100_000;
            var day = new DateOnly(2026, 11, 1);
            for (var start = 0; start < rows; start += FileRows)
            {
                var count = Math.Min(FileRows, rows - start);
                var hospital = $"h{start / FileRows % 4}";
                var at = new DateTimeOffset(day.AddDays(start / FileRows).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
                var measurements = new List<MeasurementRow>(count);
                var labels = new List<LabelRow>(count);
                foreach (var m in simulator.Generate(count))
                {
                    var sequence = start + measurements.Count + 1L;
                    var sample = $"s{sequence}";
                    measurements.Add(new MeasurementRow(hospital, m.DeviceId, sample, sequence, at, at, m.Sweep.TemperatureC, m.Sweep.Hematocrit, "fw",
                        m.Sweep.ShearRate, m.Sweep.ShearStress, "1", "sha256:00", 10, 4, "normal", 0.9, [], at));
                    var truth = TrainingExample.FromSimulation(m);
                    labels.Add(new LabelRow(sample, hospital, truth.LowShearViscosity37, truth.HighShearViscosity37, ModelEvaluator.ClassNames[(int)truth.Class], "lab", at, "lab"));
                }

                var date = DateOnly.FromDateTime(at.UtcDateTime);
                var path = LakePaths.MeasurementFile(hospital, date, start + 1, start + count);
                await lake.WriteAsync(path, (s, _) => { MeasurementParquet.Write(s, measurements, fileName: path); return Task.CompletedTask; });
                var labelPath = LakePaths.LabelFile(hospital, date, start + 1, start + count);
                await lake.WriteAsync(labelPath, (s, _) => { LabelParquet.Write(s, labels, fileName: labelPath); return Task.CompletedTask; });
            }

            var active = ModelBootstrap.TrainVersion1();
            await lake.WriteAsync("lake/models/1/model.vmdl", (s, _) => { ModelFile.Save(active, s); return Task.CompletedTask; });
            var generated = clock.Elapsed;
            GC.Collect();
            var stages = new Dictionary<string, TimeSpan>();
            var progress = new Progress(stages, clock);
            clock.Restart();
            var result = await new RetrainingJob(lake).RunAsync(new RetrainingOptions { ActiveVersion = "1" }, progress);
            var total = clock.Elapsed;

            Console.WriteLine($"lake: {rows:N0} labelled rows written in {generated.TotalSeconds:0.0} s");
            foreach (var (stage, at) in stages)
            {
                Console.WriteLine($"  {stage,-18} done at {at.TotalSeconds,7:0.0} s");
            }

            Console.WriteLine($"retraining total {total.TotalSeconds:0.0} s; train {result.TrainCount:N0}, validation {result.ValidationCount:N0}, hold-out {result.HoldOutCount:N0}");
            Console.WriteLine($"hold-out high-shear MAPE: candidate {result.Candidate.HighShear.MeanAbsolutePercentageError:0.00} %, active {result.Active!.HighShear.MeanAbsolutePercentageError:0.00} %; accuracy {result.Candidate.Classification.Accuracy:0.000} vs {result.Active.Classification.Accuracy:0.000}");
            Console.WriteLine($"peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / (1024 * 1024):N0} MB, managed heap now {GC.GetTotalMemory(false) / (1024 * 1024):N0} MB");
            return 0;
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private sealed class Progress(Dictionary<string, TimeSpan> stages, Stopwatch clock) : IProgress<RetrainingProgress>
    {
        public void Report(RetrainingProgress value)
        {
            if (value.Done >= value.Total)
            {
                stages[value.Stage] = clock.Elapsed;
            }
        }
    }
}
