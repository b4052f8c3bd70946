namespace Visco.Dashboard.Snapshots;

/// <summary>Everything the page shows at one tick.</summary>
/// <param name="Time">Unix milliseconds.</param>
/// <param name="IntervalSeconds">Seconds the rates cover (0 on the first tick: no rates yet).</param>
/// <param name="Silos">The silos (one until the cluster comes).</param>
/// <param name="Process">This process: CPU, memory, GC, thread pool.</param>
/// <param name="GrainTypes">Per grain type.</param>
/// <param name="Methods">Per grain type and method.</param>
/// <param name="Busiest">Where grain time goes: the methods with most milliseconds of work per second.</param>
/// <param name="Instruments">Every instrument and series, for the MQTT, domain, stream and lake panels.</param>
/// <param name="Charts">This tick's chart points: chart id to line name to value.</param>
internal sealed record DashboardSnapshot(
    long Time,
    double IntervalSeconds,
    IReadOnlyList<SiloView> Silos,
    ProcessView Process,
    IReadOnlyList<GrainTypeView> GrainTypes,
    IReadOnlyList<MethodView> Methods,
    IReadOnlyList<BusyView> Busiest,
    IReadOnlyList<InstrumentView> Instruments,
    IReadOnlyDictionary<string, Dictionary<string, double>> Charts);
