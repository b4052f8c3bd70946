using System.Text.Json;

namespace Visco.Retraining;

/// <summary>
/// <c>lake/models/{version}/manifest.json</c>: the hand-off to the registry. It names the model file, the version it
/// was compared with, both hold-out scores, and whether the job recommends activation; the silo's <c>retrain</c> verb
/// (or an operator through the API) registers <c>model.vmdl</c> with the registry grain and activates it when
/// <c>activate</c> is true.
/// </summary>
public static class ModelManifest
{
    /// <summary>The manifest's file name.</summary>
    public const string FileName = "manifest.json";

    /// <summary>The model file's name (the name the registry's lake file store uses).</summary>
    public const string ModelFileName = "model.vmdl";

    /// <summary>The manifest's JSON.</summary>
    public static byte[] ToJson(RetrainingResult result, RetrainingOptions options, DateTimeOffset createdAt)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(options);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteNumber("manifestVersion", 1);
            json.WriteString("version", result.CandidateVersion);
            json.WriteString("modelFile", ModelFileName);
            json.WriteString("createdAt", createdAt);
            json.WriteString("requestedBy", options.RequestedBy);
            json.WriteBoolean("activate", result.Activate);
            json.WriteString("reason", result.Reason);
            if (result.Active is null)
            {
                json.WriteNull("comparedWith");
            }
            else
            {
                json.WriteString("comparedWith", result.Active.ModelVersion);
            }

            json.WriteStartObject("data");
            json.WriteString("from", options.From.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
            json.WriteString("to", options.To.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
            json.WriteStartArray("hospitals");
            foreach (var hospital in options.Hospitals?.Order(StringComparer.Ordinal) ?? Enumerable.Empty<string>())
            {
                json.WriteStringValue(hospital);
            }

            json.WriteEndArray();
            json.WriteNumber("train", result.TrainCount);
            json.WriteNumber("validation", result.ValidationCount);
            json.WriteNumber("holdOut", result.HoldOutCount);
            json.WriteEndObject();
            WriteScores(json, "candidate", result.Candidate);
            if (result.Active is not null)
            {
                WriteScores(json, "active", result.Active);
            }

            json.WriteEndObject();
        }

        return buffer.ToArray();
    }

    /// <summary>Reads the <c>activate</c> flag and version of a manifest (for the silo verb and tools).</summary>
    public static (string Version, bool Activate) Read(ReadOnlySpan<byte> manifest)
    {
        var reader = new Utf8JsonReader(manifest);
        using var document = JsonDocument.ParseValue(ref reader);
        var root = document.RootElement;
        return (root.GetProperty("version").GetString() ?? throw new InvalidDataException("manifest.json has no version"),
            root.GetProperty("activate").GetBoolean());
    }

    private static void WriteScores(Utf8JsonWriter json, string name, Model.Evaluation.EvaluationReport report)
    {
        json.WriteStartObject(name);
        json.WriteString("modelVersion", report.ModelVersion);
        json.WriteNumber("samples", report.SampleCount);
        json.WriteNumber("highShearMae", report.HighShear.MeanAbsoluteError);
        json.WriteNumber("highShearMapePct", report.HighShear.MeanAbsolutePercentageError);
        json.WriteNumber("lowShearMae", report.LowShear.MeanAbsoluteError);
        json.WriteNumber("lowShearMapePct", report.LowShear.MeanAbsolutePercentageError);
        json.WriteNumber("accuracy", report.Classification.Accuracy);
        json.WriteEndObject();
    }
}
