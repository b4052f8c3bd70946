namespace Visco.Runtime.Metrics;

/// <summary>How an instrument's measurements aggregate.</summary>
public enum MetricKind
{
    /// <summary>Increments summed into a running total.</summary>
    Counter,

    /// <summary>An observed running total (the last observation is the total).</summary>
    ObservedCounter,

    /// <summary>Increments and decrements summed into a level (exported as a gauge).</summary>
    UpDownCounter,

    /// <summary>The last value observed.</summary>
    Gauge,

    /// <summary>A distribution of samples.</summary>
    Histogram,
}
