namespace Visco.Dashboard.Snapshots;

/// <summary>The recent history of every chart, oldest first, sent when a page connects.</summary>
/// <param name="Times">Tick times, Unix milliseconds.</param>
/// <param name="Charts">Every chart.</param>
internal sealed record HistoryView(IReadOnlyList<long> Times, IReadOnlyList<ChartView> Charts);
