namespace Visco.Dashboard.Snapshots;

/// <summary>A chart's definition and history.</summary>
/// <param name="Id">Its id.</param>
/// <param name="Title">Its title.</param>
/// <param name="Unit">Its unit.</param>
/// <param name="Lines">Its lines.</param>
internal sealed record ChartView(string Id, string Title, string Unit, IReadOnlyList<ChartLineView> Lines);
