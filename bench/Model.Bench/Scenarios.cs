using Visco.Model.Evaluation;
using Visco.Model.Simulation;

namespace Visco.Model.Bench;

/// <summary>How the bootstrap model holds up per fault kind and on fleets harsher than the one it trained on.</summary>
internal static class Scenarios
{
    public static void PrintFaultRecall(ViscosityModel model, IReadOnlyList<SimulatedMeasurement> measurements)
    {
        Console.WriteLine("\nInvalid-sample recall per injected fault:");
        foreach (var fault in new[] { FaultKind.AirBubble, FaultKind.Clot, FaultKind.UnderFilledCell })
        {
            var faulty = measurements.Where(m => m.Truth.Fault == fault).ToList();
            var caught = faulty.Count(m => model.Predict(m.Sweep).Class == ViscosityClass.InvalidSample);
            Console.WriteLine($"  {fault}: {caught}/{faulty.Count} = {100.0 * caught / Math.Max(1, faulty.Count):F2} %");
        }
    }

    public static void PrintStress(ViscosityModel model)
    {
        var scenarios = new (string Name, SimulatorOptions Options)[]
        {
            ("training fleet (defaults)", new SimulatorOptions()),
            ("3x sensor noise", new SimulatorOptions { RelativeNoise = 0.018, AbsoluteNoiseMilliPascal = 0.6 }),
            ("5x calibration drift", new SimulatorOptions { GainDriftPerYear = 0.04, InitialGainError = 0.01 }),
            ("30 % faults", new SimulatorOptions { AirBubbleRate = 0.1, ClotRate = 0.1, UnderFilledRate = 0.1 }),
        };
        Console.WriteLine("\nStress scenarios (5,000 sweeps each, seed 31337; the model trained on the defaults only):\n");
        Console.WriteLine("| scenario | MAPE low (%) | MAPE high (%) | accuracy (%) | invalid recall (%) | invalid precision (%) | ECE |");
        Console.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
        var invalid = (int)ViscosityClass.InvalidSample;
        foreach (var (name, options) in scenarios)
        {
            var set = new BloodSimulator(31_337, options).Generate(5_000).Select(TrainingExample.FromSimulation).ToList();
            var r = ModelEvaluator.Evaluate(model, set);
            var c = r.Classification;
            Console.WriteLine(
                $"| {name} | {r.LowShear.MeanAbsolutePercentageError:F3} | {r.HighShear.MeanAbsolutePercentageError:F3} | {c.Accuracy * 100:F2} | " +
                $"{c.Confusion.Recall(invalid) * 100:F2} | {c.Confusion.Precision(invalid) * 100:F2} | {c.Calibration.ExpectedCalibrationError:F4} |");
        }
    }
}
