namespace Visco.Dashboard.Snapshots;

/// <summary>A method's share of the grain work over the last interval.</summary>
/// <param name="Type">The grain type.</param>
/// <param name="Method">The method.</param>
/// <param name="BusyMsPerSecond">Milliseconds of calls completed per second of wall time.</param>
/// <param name="Share">Its share of all grain work (0..1).</param>
internal sealed record BusyView(string Type, string Method, double BusyMsPerSecond, double Share);
