using Visco.Dashboard.Sampling;

namespace Visco.Dashboard.Snapshots;

/// <summary>Grain types, methods and the busiest methods, from the runtime's visco.grain.* instruments.</summary>
internal static class GrainStatistics
{
    private const string Calls = "visco.grain.calls";
    private const string Failures = "visco.grain.call.failures";
    private const string Duration = "visco.grain.call.duration";
    private const string Activations = "visco.grain.activations";
    private const string TypeTag = "grain_type";
    private const string MethodTag = "method";
    private const int BusiestCount = 8;

    /// <summary>One row per grain type known to the silo or seen in the metrics, busiest first.</summary>
    public static IReadOnlyList<GrainTypeView> Types(ILookup<string, SeriesSample> samples, IReadOnlyDictionary<string, int>? activationsByType)
    {
        var activations = activationsByType
            ?? samples[Activations].GroupBy(s => s.Tag(TypeTag) ?? "?").ToDictionary(g => g.Key, g => (int)g.Sum(s => s.Value));
        var names = activations.Keys
            .Concat(samples[Calls].Select(s => s.Tag(TypeTag) ?? "?"))
            .Distinct(StringComparer.Ordinal);
        return names
            .Select(type =>
            {
                var calls = samples[Calls].Where(s => s.Tag(TypeTag) == type).ToList();
                var failures = samples[Failures].Where(s => s.Tag(TypeTag) == type).ToList();
                var durations = samples[Duration].Where(s => s.Tag(TypeTag) == type).ToList();
                return new GrainTypeView(
                    type,
                    activations.GetValueOrDefault(type),
                    calls.Sum(s => s.Value),
                    SumRates(calls),
                    ChartEvaluator.Quantile(durations, 0.5),
                    ChartEvaluator.Quantile(durations, 0.99),
                    failures.Sum(s => s.Value),
                    SumRates(failures));
            })
            .OrderByDescending(t => t.CallsPerSecond ?? 0).ThenByDescending(t => t.Calls).ThenBy(t => t.Type, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>One row per grain type and method, busiest first.</summary>
    public static IReadOnlyList<MethodView> Methods(ILookup<string, SeriesSample> samples)
    {
        var failures = samples[Failures].ToLookup(Key);
        var durations = samples[Duration].ToLookup(Key);
        return samples[Calls]
            .GroupBy(Key)
            .Select(calls =>
            {
                var rates = calls.Where(s => s.Rate is not null).ToList();
                var duration = durations[calls.Key];
                return new MethodView(
                    calls.Key.Type,
                    calls.Key.Method,
                    calls.Sum(s => s.Value),
                    rates.Count == 0 ? null : rates.Sum(s => s.Rate!.Value),
                    ChartEvaluator.Quantile(duration, 0.5),
                    ChartEvaluator.Quantile(duration, 0.99),
                    failures[calls.Key].Sum(s => s.Value));
            })
            .OrderByDescending(m => m.CallsPerSecond ?? 0).ThenByDescending(m => m.Calls)
            .ToList();
    }

    /// <summary>The methods with the most milliseconds of work per second over the last interval.</summary>
    public static IReadOnlyList<BusyView> Busiest(ILookup<string, SeriesSample> samples)
    {
        var busy = samples[Duration].Where(s => s.ValueRate > 0).Select(s => (Key: Key(s), Ms: s.ValueRate!.Value)).ToList();
        var total = busy.Sum(b => b.Ms);
        return busy.OrderByDescending(b => b.Ms).Take(BusiestCount)
            .Select(b => new BusyView(b.Key.Type, b.Key.Method, b.Ms, b.Ms / total))
            .ToList();
    }

    private static double? SumRates(List<SeriesSample> samples) =>
        samples.Any(s => s.Rate is not null) ? samples.Sum(s => s.Rate ?? 0) : null;

    private static (string Type, string Method) Key(SeriesSample sample) => (sample.Tag(TypeTag) ?? "?", sample.Tag(MethodTag) ?? "?");
}
