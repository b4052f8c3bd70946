using System.Text.Json.Serialization;

namespace Visco.Model.Files;

/// <summary>The JSON header of a model file (the self-describing part; trees follow in binary).</summary>
internal sealed class ModelFileHeader
{
    public int FormatVersion { get; set; }

    public string ModelVersion { get; set; } = string.Empty;

    public DateTimeOffset CreatedAt { get; set; }

    public string SchemaName { get; set; } = string.Empty;

    public int SchemaVersion { get; set; }

    public List<string> FeatureNames { get; set; } = [];

    public List<string> StackedFeatures { get; set; } = [];

    public List<string> Classes { get; set; } = [];

    public string LowShearBaseFeature { get; set; } = string.Empty;

    public string HighShearBaseFeature { get; set; } = string.Empty;

    public string TrainingDataSource { get; set; } = string.Empty;

    public int TrainingSampleCount { get; set; }

    public DateTimeOffset TrainingDataFrom { get; set; }

    public DateTimeOffset TrainingDataTo { get; set; }

    public Dictionary<string, double> Metrics { get; set; } = [];

    public int PayloadLength { get; set; }

    public string PayloadSha256 { get; set; } = string.Empty;
}
