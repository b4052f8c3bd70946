using System.Text.Json;

namespace Visco.Firmware.Messages;

/// <summary>
/// A message of <c>devices/{id}/results</c>: the cloud's result for a sample, or its refusal. Both the nested
/// <c>viscosity: {lowShear, highShear}</c> form of the grains and flat <c>viscosityLow/viscosityHigh</c> are read.
/// </summary>
/// <param name="SampleId">The sample the message is about (null when the cloud could not read one).</param>
/// <param name="IsError">Whether the cloud refused the measurement.</param>
/// <param name="Class">The class (normal, elevated, hyperviscous, invalid-sample).</param>
/// <param name="LowShear">Viscosity at low shear in mPa·s.</param>
/// <param name="HighShear">Viscosity at high shear in mPa·s.</param>
/// <param name="Confidence">The classifier's confidence.</param>
/// <param name="ModelVersion">The model version that produced the result.</param>
/// <param name="Reason">Why the measurement was refused.</param>
public sealed record ResultMessage(
    string? SampleId, bool IsError, string? Class, double? LowShear, double? HighShear, double? Confidence, string? ModelVersion, string? Reason)
{
    /// <summary>Parses a results payload; null when it is not a JSON object.</summary>
    public static ResultMessage? TryParse(ReadOnlyMemory<byte> payload)
    {
        try
        {
            using var document = JsonDocument.Parse(payload);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            var isError = String(root, "type") == "error";
            double? low = Number(root, "viscosityLow");
            double? high = Number(root, "viscosityHigh");
            if (root.TryGetProperty("viscosity", out var viscosity) && viscosity.ValueKind == JsonValueKind.Object)
            {
                low ??= Number(viscosity, "lowShear");
                high ??= Number(viscosity, "highShear");
            }

            return new ResultMessage(
                String(root, "sampleId"), isError, String(root, "class"), low, high, Number(root, "confidence"),
                String(root, "modelVersion"), String(root, "reason"));
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? String(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static double? Number(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetDouble() : null;
}
