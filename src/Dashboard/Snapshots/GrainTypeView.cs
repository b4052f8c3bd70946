namespace Visco.Dashboard.Snapshots;

/// <summary>One grain type.</summary>
/// <param name="Type">Its name.</param>
/// <param name="Activations">Activations alive now.</param>
/// <param name="Calls">Calls completed since start.</param>
/// <param name="CallsPerSecond">Calls per second over the last interval.</param>
/// <param name="P50Ms">Median call latency over the last interval.</param>
/// <param name="P99Ms">99th percentile call latency over the last interval.</param>
/// <param name="Failures">Calls failed since start.</param>
/// <param name="FailuresPerSecond">Failures per second over the last interval.</param>
internal sealed record GrainTypeView(
    string Type, int Activations, double Calls, double? CallsPerSecond, double? P50Ms, double? P99Ms, double Failures, double? FailuresPerSecond);
