namespace Visco.Dashboard.Snapshots;

/// <summary>One line of a chart's history: a value per history time, null where it had no point.</summary>
/// <param name="Name">The line's name.</param>
/// <param name="Values">Values aligned with <see cref="HistoryView.Times"/>.</param>
internal sealed record ChartLineView(string Name, IReadOnlyList<double?> Values);
