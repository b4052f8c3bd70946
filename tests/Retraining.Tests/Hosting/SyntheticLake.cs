using Visco.Lake.Layout;
using Visco.Lake.Parquet;
using Visco.Lake.Rows;
using Visco.Lake.Storage;
using Visco.Model;
using Visco.Model.Evaluation;
using Visco.Model.Simulation;
using Visco.TestKit;

namespace Visco.Retraining.Tests.Hosting;

/// <summary>A lake written directly (no silo) from the simulator, with labels from its ground truth, for the job's input checks.</summary>
public sealed class SyntheticLake : IDisposable
{
    /// <summary>Creates an empty lake in a scratch folder.</summary>
    public SyntheticLake()
    {
        Root = Directory.CreateTempSubdirectory("visco-lake-").FullName;
        Store = new LocalLakeStore(Root);
    }

    /// <summary>The folder.</summary>
    public string Root { get; }

    /// <summary>The store.</summary>
    public LocalLakeStore Store { get; }

    /// <summary>Writes <paramref name="count"/> labelled measurements of a hospital on a date as one file; returns its path.</summary>
    public async Task<string> AddAsync(string hospitalId, DateOnly date, int count, long firstSequence, ulong seed,
        Func<MeasurementRow, MeasurementRow>? mutate = null, ParquetWriterOptions? format = null)
    {
        var simulator = new BloodSimulator(seed, new SimulatorOptions());
        var at = new DateTimeOffset(date.ToDateTime(new TimeOnly(8, 0)), TimeSpan.Zero);
        var rows = new List<MeasurementRow>();
        var labels = new List<LabelRow>();
        foreach (var (m, i) in simulator.Generate(count).Select((m, i) => (m, i)))
        {
            var sampleId = $"{hospitalId}-{firstSequence + i}";
            var row = new MeasurementRow(hospitalId, m.DeviceId, sampleId, firstSequence + i, at, at, m.Sweep.TemperatureC, m.Sweep.Hematocrit,
                "fw", m.Sweep.ShearRate, m.Sweep.ShearStress, "1", "sha256:00", 10, 4, "normal", 0.9, [], at);
            rows.Add(mutate?.Invoke(row) ?? row);
            var truth = TrainingExample.FromSimulation(m);
            labels.Add(new LabelRow(sampleId, hospitalId, truth.LowShearViscosity37, truth.HighShearViscosity37,
                ModelEvaluator.ClassNames[(int)truth.Class], "lab", at, "lab"));
        }

        var path = LakePaths.MeasurementFile(hospitalId, date, firstSequence, firstSequence + count - 1);
        await Store.WriteAsync(path, (s, _) => { MeasurementParquet.Write(s, rows, format, fileName: path); return Task.CompletedTask; });
        var labelPath = LakePaths.LabelFile(hospitalId, date, firstSequence, firstSequence + count - 1);
        await Store.WriteAsync(labelPath, (s, _) => { LabelParquet.Write(s, labels, fileName: labelPath); return Task.CompletedTask; });
        return path;
    }

    /// <inheritdoc />
    public void Dispose() => TemporaryDirectory.Delete(Root);
}
