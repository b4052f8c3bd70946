namespace Visco.Grains.Interfaces.Measurements;

/// <summary>The result of one accepted measurement, as sent back to the device and stored.</summary>
/// <param name="SampleId">The sample it is for.</param>
/// <param name="Inference">What the model said, naming its version.</param>
/// <param name="InputHash">SHA-256 of the sweep's numbers (<c>sha256:</c> + hex), so a result can be traced to its input.</param>
/// <param name="ProcessedAt">When the cloud produced it (UTC).</param>
public sealed record MeasurementResult(string SampleId, InferenceResult Inference, string InputHash, DateTimeOffset ProcessedAt);
