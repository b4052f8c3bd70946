using Visco.Lake.Layout;
using Visco.Lake.Parquet;
using Visco.Lake.Rows;
using Visco.Lake.Storage;
using Visco.Model;
using Visco.Model.Evaluation;
using Visco.Model.Simulation;

namespace Visco.Retraining.Data;

/// <summary>
/// Reads the lake for training: label files of the hospitals, measurement files of the hospitals and dates (pruned
/// by path, never opened otherwise), joined by (hospital, sample). Refuses garbage rather than train on it: every
/// corrupt or truncated file, file of a newer schema, and file with non-finite numbers is collected and the job stops
/// naming them all.
/// </summary>
public sealed class LakeTrainingReader(ILakeStore lake)
{
    /// <summary>Reads and joins.</summary>
    public async Task<LakeTrainingData> ReadAsync(RetrainingOptions options, IProgress<RetrainingProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = new List<string>();
        var labels = new LabelIndex();
        var labelFiles = await PartitionPruning.ListAsync(lake, LakeDataset.Labels, options.Hospitals, DateOnly.MinValue, DateOnly.MaxValue, cancellationToken);
        for (var i = 0; i < labelFiles.Count; i++)
        {
            await ReadFileAsync(labelFiles[i].Path, problems, reader =>
            {
                foreach (var row in LabelParquet.Read(reader.Stream, labelFiles[i].Path))
                {
                    if (!Finite(row.ReferenceViscosityLow) || !Finite(row.ReferenceViscosityHigh))
                    {
                        throw new InvalidDataException("a reference viscosity is NaN or infinite");
                    }

                    labels.Add(row);
                }
            }, cancellationToken);
            progress?.Report(new RetrainingProgress("read-labels", i + 1, labelFiles.Count));
        }

        var files = await PartitionPruning.ListAsync(lake, LakeDataset.Measurements, options.Hospitals, options.From, options.To, cancellationToken);
        var join = new Join(labels);
        for (var i = 0; i < files.Count; i++)
        {
            var path = files[i].Path;
            await ReadFileAsync(path, problems, reader =>
            {
                using var parquet = ParquetFileReader.Open(reader.Stream, path, leaveOpen: true);
                CheckSchema(parquet, path);
                var rows = new List<MeasurementRow>();
                for (var g = 0; g < parquet.RowGroupCount; g++)
                {
                    rows.AddRange(MeasurementParquet.ReadRowGroup(parquet, g));
                }

                if (rows.Any(r => !Finite(r.TemperatureC) || !Finite(r.Hematocrit) || !r.ShearRate.All(double.IsFinite) || !r.ShearStress.All(double.IsFinite)))
                {
                    throw new InvalidDataException("a sweep holds NaN or infinite numbers");
                }

                foreach (var row in rows)
                {
                    join.Add(row);
                }
            }, cancellationToken);
            progress?.Report(new RetrainingProgress("read-measurements", i + 1, files.Count));
        }

        if (problems.Count > 0)
        {
            throw new RetrainingRefusedException($"The lake holds {problems.Count} unreadable file(s); fix or remove them before retraining.", problems);
        }

        return new LakeTrainingData(join.Samples(), files.Count, labelFiles.Count, join.Rows, join.Unlabelled, join.Unusable, join.Ambiguous);
    }

    private static bool Finite(double? value) => value is null || double.IsFinite(value.Value);

    private static void CheckSchema(ParquetFileReader parquet, string path)
    {
        var stamp = parquet.MetaData.KeyValueMetadata?.FirstOrDefault(k => k.Key == LakeSchemaVersion.Key)?.Value;
        if (stamp is not null && (!int.TryParse(stamp, out var version) || version > LakeSchemaVersion.Supported))
        {
            throw new InvalidDataException($"lake schema version {stamp} is newer than this build reads ({LakeSchemaVersion.Supported}); upgrade visco-retrain");
        }

        var missing = MeasurementParquet.Schema.Columns.Select(c => c.Name).Where(n => parquet.Schema.IndexOf(n) < 0).ToList();
        if (missing.Count > 0)
        {
            throw new InvalidDataException($"columns missing: {string.Join(", ", missing)}");
        }
    }

    private async Task ReadFileAsync(string path, List<string> problems, Action<(Stream Stream, string Path)> read, CancellationToken cancellationToken)
    {
        try
        {
            await using var stream = await lake.OpenReadAsync(path, cancellationToken);
            Stream seekable = stream;
            if (!stream.CanSeek)
            {
                var copy = new MemoryStream();
                await stream.CopyToAsync(copy, cancellationToken);
                copy.Position = 0;
                seekable = copy;
            }

            read((seekable, path));
        }
        catch (Exception exception) when (exception is ParquetException or InvalidDataException or LakeStorageException or EndOfStreamException)
        {
            problems.Add($"{path} ({exception.Message})");
        }
    }

    private sealed class Join(LabelIndex labels)
    {
        private readonly Dictionary<(string Hospital, string Device, string Sample), LabelledSample> _samples = [];
        private readonly Dictionary<(string Hospital, string Sample), string> _deviceOfSample = [];
        private readonly HashSet<(string Hospital, string Sample)> _ambiguous = [];

        public long Rows { get; private set; }

        public long Unlabelled { get; private set; }

        public long Unusable { get; private set; }

        public long Ambiguous => _ambiguous.Count;

        public void Add(MeasurementRow row)
        {
            Rows++;
            var label = labels.Find(row.HospitalId, row.SampleId);
            if (label is null)
            {
                Unlabelled++;
                return;
            }

            var sampleKey = (row.HospitalId, row.SampleId);
            if (_deviceOfSample.TryGetValue(sampleKey, out var device) && device != row.DeviceId)
            {
                _ambiguous.Add(sampleKey);
            }

            _deviceOfSample[sampleKey] = row.DeviceId;
            if (ToExample(row, label) is not { } example)
            {
                Unusable++;
                return;
            }

            // A sample archived twice (it should not be) is trained on once.
            _samples.TryAdd((row.HospitalId, row.DeviceId, row.SampleId), new LabelledSample(row.HospitalId, row.DeviceId, example));
        }

        public List<LabelledSample> Samples() =>
            [.. _samples.Values.Where(s => !_ambiguous.Contains((s.HospitalId, s.Example.Sweep.SampleId)))];

        private static TrainingExample? ToExample(MeasurementRow row, LabelRow label)
        {
            ViscosityClass labelClass;
            if (label.ReferenceClass is { } name)
            {
                var index = ModelEvaluator.ClassNames.ToList().IndexOf(name);
                if (index < 0)
                {
                    return null;
                }

                labelClass = (ViscosityClass)index;
            }
            else if (label.ReferenceViscosityLow is { } l && label.ReferenceViscosityHigh is { } h)
            {
                labelClass = ClinicalThresholds.Classify(l, h);
            }
            else
            {
                return null;
            }

            if (labelClass != ViscosityClass.InvalidSample && (label.ReferenceViscosityLow is null || label.ReferenceViscosityHigh is null))
            {
                return null;
            }

            var sweep = new Sweep(row.SampleId, row.TakenAt, row.TemperatureC, row.ShearRate, row.ShearStress, row.Hematocrit, row.Firmware);
            return new TrainingExample(sweep, label.ReferenceViscosityLow ?? 0, label.ReferenceViscosityHigh ?? 0, labelClass);
        }
    }
}
