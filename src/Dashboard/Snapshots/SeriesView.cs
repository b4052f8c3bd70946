namespace Visco.Dashboard.Snapshots;

/// <summary>One series of an instrument.</summary>
/// <param name="Tags">Its tags.</param>
/// <param name="Value">Total, level or last value (histograms: sum of samples).</param>
/// <param name="Rate">Per second over the last interval (counters: increase; histograms: samples).</param>
/// <param name="P50">Histograms: median over the last interval.</param>
/// <param name="P99">Histograms: 99th percentile over the last interval.</param>
internal sealed record SeriesView(IReadOnlyDictionary<string, string> Tags, double Value, double? Rate, double? P50, double? P99);
