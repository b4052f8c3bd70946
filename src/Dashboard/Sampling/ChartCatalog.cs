namespace Visco.Dashboard.Sampling;

/// <summary>
/// The charts the dashboard draws. Instruments that do not exist yet (a part of the system not deployed in this
/// process) simply yield no points and the page shows the chart as waiting for data.
/// </summary>
internal static class ChartCatalog
{
    private const double MiB = 1024 * 1024;

    /// <summary>Most lines a grouped chart keeps per point (the largest values).</summary>
    public const int MaxLinesPerChart = 8;

    /// <summary>Every chart, in page order.</summary>
    public static IReadOnlyList<ChartDefinition> All { get; } =
    [
        new("grain-calls", "Grain calls by type", "/s", [new(null, "visco.grain.calls", ChartMeasure.Rate, "grain_type")]),
        new("grain-latency", "Grain call latency", "ms",
            [new("p50", "visco.grain.call.duration", ChartMeasure.P50), new("p99", "visco.grain.call.duration", ChartMeasure.P99)]),
        new("grain-failures", "Grain call failures", "/s", [new(null, "visco.grain.call.failures", ChartMeasure.Rate, "grain_type")]),
        new("cpu", "CPU", "%", [new("cpu", "dotnet.process.cpu.time", ChartMeasure.Rate, Scale: 100.0 / Environment.ProcessorCount)]),
        new("memory", "Memory", "MiB",
        [
            new("working set", "dotnet.process.memory.working_set", ChartMeasure.Value, Scale: 1 / MiB),
            new("GC heap", "dotnet.gc.last_collection.heap.size", ChartMeasure.Value, Scale: 1 / MiB),
        ]),
        new("gc", "GC collections", "/s", [new("gen", "dotnet.gc.collections", ChartMeasure.Rate, "gc.heap.generation")]),
        new("mqtt-packets", "MQTT packets", "/s",
            [new("in", "visco.mqtt.packets.in", ChartMeasure.Rate), new("out", "visco.mqtt.packets.out", ChartMeasure.Rate)]),
        new("mqtt-connections", "MQTT connections", "", [new("open", "visco.mqtt.connections", ChartMeasure.Value)]),
        new("measurements", "Measurements", "/s",
        [
            new("accepted", "visco.measurements.accepted", ChartMeasure.Rate),
            new("rejected", "visco.measurements.rejected", ChartMeasure.Rate),
            new("duplicate", "visco.measurements.duplicate", ChartMeasure.Rate),
        ]),
        new("inference-latency", "Inference latency", "ms",
            [new("p50", "visco.inference.duration", ChartMeasure.P50), new("p99", "visco.inference.duration", ChartMeasure.P99)]),
        new("stream-deliveries", "Stream deliveries", "/s", [new(null, "visco.stream.deliveries", ChartMeasure.Rate, "namespace")]),
        new("stream-lag", "Stream lag", "events", [new(null, "visco.stream.lag", ChartMeasure.Value, "namespace")]),
    ];
}
