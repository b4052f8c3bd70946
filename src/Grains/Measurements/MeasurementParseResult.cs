using Visco.Grains.Interfaces.Measurements;

namespace Visco.Grains.Measurements;

/// <summary>The parsed sweep, or why the payload cannot be one.</summary>
/// <param name="Sweep">The sweep when the payload is well-formed; null otherwise.</param>
/// <param name="SampleId">The sample id when it could be read (so an error reply can name it).</param>
/// <param name="ErrorCode">A stable kebab-case code of the error; null when well-formed.</param>
/// <param name="Reason">A precise reason (field and index); null when well-formed.</param>
internal readonly record struct MeasurementParseResult(SweepData? Sweep, string? SampleId, string? ErrorCode, string? Reason)
{
    public static MeasurementParseResult Fail(string? sampleId, string code, string reason) => new(null, sampleId, code, reason);
}
