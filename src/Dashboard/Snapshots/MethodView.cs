namespace Visco.Dashboard.Snapshots;

/// <summary>One grain method.</summary>
/// <param name="Type">The grain type.</param>
/// <param name="Method">The method (interface and name).</param>
/// <param name="Calls">Calls completed since start.</param>
/// <param name="CallsPerSecond">Calls per second over the last interval.</param>
/// <param name="P50Ms">Median latency over the last interval.</param>
/// <param name="P99Ms">99th percentile latency over the last interval.</param>
/// <param name="Failures">Failures since start.</param>
internal sealed record MethodView(string Type, string Method, double Calls, double? CallsPerSecond, double? P50Ms, double? P99Ms, double Failures);
