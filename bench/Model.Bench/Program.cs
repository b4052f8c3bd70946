using System.Diagnostics;
using System.Globalization;
using Visco.Model;
using Visco.Model.Bench;
using Visco.Model.Evaluation;
using Visco.Model.Features;
using Visco.Model.Files;
using Visco.Model.Simulation;

// Prints the quality and speed figures of the bootstrap model. Run: dotnet run -c Release --project bench/Model.Bench
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
const ulong heldOutSeed = 424_242;
const int heldOutCount = 20_000;

Console.WriteLine($"# Model.Bench ({Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription})\n");

var trainingTimes = new List<double>();
ViscosityModel model = null!;
for (var i = 0; i < 3; i++)
{
    var sw = Stopwatch.StartNew();
    model = ModelBootstrap.TrainVersion1();
    trainingTimes.Add(sw.Elapsed.TotalSeconds);
}

Console.WriteLine($"Bootstrap training (simulate {ModelBootstrap.SweepCount} sweeps + train): runs {string.Join(", ", trainingTimes.Select(t => $"{t:F2} s"))}");
Console.WriteLine($"Trees: low-shear {model.LowShear.TreeCount} (depth {model.LowShear.MaxDepth}), high-shear {model.HighShear.TreeCount} (depth {model.HighShear.MaxDepth}), classifier {model.Classifier.TreeCount} (depth {model.Classifier.MaxDepth}); calibration temperature {model.ClassifierTemperature:F3}\n");

var heldOutMeasurements = new BloodSimulator(heldOutSeed).Generate(heldOutCount);
var heldOut = heldOutMeasurements.Select(TrainingExample.FromSimulation).ToList();
var report = ModelEvaluator.Evaluate(model, heldOut);
Console.WriteLine($"Held-out set: simulator seed {heldOutSeed} (training used {ModelBootstrap.SimulatorSeed}), {heldOutCount} sweeps\n");
Console.WriteLine(ReportFormatter.ToMarkdown(report));

var invalid = (int)ViscosityClass.InvalidSample;
Console.WriteLine("Targets:");
Targets.Check("high-shear MAPE <= 2 %", report.HighShear.MeanAbsolutePercentageError <= 2, $"{report.HighShear.MeanAbsolutePercentageError:F3} %");
Targets.Check("low-shear MAPE <= 5 %", report.LowShear.MeanAbsolutePercentageError <= 5, $"{report.LowShear.MeanAbsolutePercentageError:F3} %");
Targets.Check("class accuracy >= 95 %", report.Classification.Accuracy >= 0.95, $"{report.Classification.Accuracy * 100:F2} %");
Targets.Check("invalid-sample recall >= 98 %", report.Classification.Confusion.Recall(invalid) >= 0.98, $"{report.Classification.Confusion.Recall(invalid) * 100:F2} %");
Targets.Check("invalid-sample precision >= 95 %", report.Classification.Confusion.Precision(invalid) >= 0.95, $"{report.Classification.Confusion.Precision(invalid) * 100:F2} %");

Scenarios.PrintFaultRecall(model, heldOutMeasurements);
Scenarios.PrintStress(model);

var speed = SpeedBench.Run(model, heldOut.Select(e => e.Sweep).ToArray());
Console.WriteLine();
Console.WriteLine("Speed (one thread, each measurement timed individually after warm-up):");
Console.WriteLine($"  validation + features + prediction (ViscosityModel.Predict): median {speed.PredictMedianUs:F2} µs, p99 {speed.PredictP99Us:F2} µs, {speed.AllocatedBytesPerPredict:F0} B allocated per call");
Console.WriteLine($"  feature extraction alone: median {speed.FeaturesMedianUs:F2} µs");
Console.WriteLine($"  trees alone (2 regressors + classifier): median {speed.TreesMedianUs:F2} µs");
Console.WriteLine($"  throughput, one thread: {speed.PredictionsPerSecond:N0} predictions/s");
Targets.Check("features + prediction <= 20 µs median", speed.PredictMedianUs <= 20, $"{speed.PredictMedianUs:F2} µs");
Targets.Check("trees alone <= 3 µs median", speed.TreesMedianUs <= 3, $"{speed.TreesMedianUs:F2} µs");

var path = Path.Combine(Path.GetTempPath(), $"model-bench-{Environment.ProcessId}.vmodel");
try
{
    ModelFile.Save(model, path);
    var loads = new List<double>();
    for (var i = 0; i < 50; i++)
    {
        var sw = Stopwatch.StartNew();
        _ = ModelFile.Load(path);
        loads.Add(sw.Elapsed.TotalMilliseconds);
    }

    loads.Sort();
    Console.WriteLine($"\nModel file: {new FileInfo(path).Length / 1024.0:F1} KiB, load (read + verify SHA-256 + parse) median {loads[loads.Count / 2]:F2} ms, first {loads.Max():F2} ms, schema {SweepFeatures.Schema}");
}
finally
{
    File.Delete(path);
}

return Targets.Failed ? 1 : 0;
