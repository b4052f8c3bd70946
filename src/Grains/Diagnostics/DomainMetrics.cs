using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace Visco.Grains.Diagnostics;

/// <summary>
/// The domain's instruments (meter "Visco.Domain"): measurements accepted and rejected by reason, inference latency,
/// result classes and the model version mix. Static like the runtime's: one process, one meter.
/// </summary>
public static class DomainMetrics
{
    /// <summary>The meter name, for a MeterListener or the /metrics exporter.</summary>
    public const string MeterName = "Visco.Domain";

    private static readonly Meter Meter = new(MeterName);

    private static readonly Counter<long> Accepted = Meter.CreateCounter<long>(
        "visco.measurements.accepted", "{measurement}", "Measurements accepted and durable.");

    private static readonly Counter<long> Duplicates = Meter.CreateCounter<long>(
        "visco.measurements.duplicate", "{measurement}", "Measurements seen before (same sample id), answered from the window.");

    private static readonly Counter<long> Rejected = Meter.CreateCounter<long>(
        "visco.measurements.rejected", "{measurement}", "Measurements refused, by reason code.");

    private static readonly Histogram<double> InferenceLatency = Meter.CreateHistogram<double>(
        "visco.inference.duration", "ms", "Time of one inference call, from the device grain.");

    private static readonly Counter<long> Results = Meter.CreateCounter<long>(
        "visco.results", "{result}", "Results by class and model version.");

    // Levels kept by the hospital grains of this process, observed when a listener asks (the dashboard, /metrics).
    private static readonly ConcurrentDictionary<string, int> DevicesOnline = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<(string Hospital, string Device), double> InvalidRates = new();

    static DomainMetrics()
    {
        Meter.CreateObservableGauge(
            "visco.devices.online",
            () => DevicesOnline.Select(d => new Measurement<int>(d.Value, new KeyValuePair<string, object?>("hospital", d.Key))),
            "{device}",
            "Devices connected now, by hospital.");
        Meter.CreateObservableGauge(
            "visco.device.invalid_rate",
            () => InvalidRates.Select(d => new Measurement<double>(
                d.Value, new KeyValuePair<string, object?>("hospital", d.Key.Hospital), new KeyValuePair<string, object?>("device", d.Key.Device))),
            "1",
            "Share of invalid samples in a device's recent window (drift and faults show here).");
    }

    /// <summary>Records how many devices of a hospital are online.</summary>
    public static void SetDevicesOnline(string hospitalId, int count) => DevicesOnline[hospitalId] = count;

    /// <summary>Records a device's recent invalid-sample rate.</summary>
    public static void SetInvalidRate(string hospitalId, string deviceId, double rate) => InvalidRates[(hospitalId, deviceId)] = rate;

    /// <summary>Counts an accepted measurement and its result.</summary>
    public static void RecordAccepted(string resultClass, string modelVersion)
    {
        Accepted.Add(1);
        Results.Add(1, new KeyValuePair<string, object?>("class", resultClass), new KeyValuePair<string, object?>("model_version", modelVersion));
    }

    /// <summary>Counts a duplicate.</summary>
    public static void RecordDuplicate() => Duplicates.Add(1);

    /// <summary>Counts a refusal by its reason code.</summary>
    public static void RecordRejected(string reasonCode) => Rejected.Add(1, new KeyValuePair<string, object?>("reason", reasonCode));

    /// <summary>Records how long an inference call took.</summary>
    public static void RecordInference(TimeSpan elapsed) => InferenceLatency.Record(elapsed.TotalMilliseconds);
}
