namespace Visco.Dashboard.Sampling;

/// <summary>What a chart line plots from its series.</summary>
internal enum ChartMeasure
{
    /// <summary>Counters: increase per second; histograms: samples per second.</summary>
    Rate,

    /// <summary>The current value (gauges, levels).</summary>
    Value,

    /// <summary>Histograms: median of the last interval.</summary>
    P50,

    /// <summary>Histograms: 99th percentile of the last interval.</summary>
    P99,
}
