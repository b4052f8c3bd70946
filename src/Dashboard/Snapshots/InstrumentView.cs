namespace Visco.Dashboard.Snapshots;

/// <summary>An instrument with its series.</summary>
/// <param name="Name">Its name.</param>
/// <param name="Meter">Its meter.</param>
/// <param name="Kind">counter, observedcounter, updowncounter, gauge or histogram.</param>
/// <param name="Unit">Its unit.</param>
/// <param name="Description">Its description.</param>
/// <param name="Series">One entry per tag set.</param>
internal sealed record InstrumentView(string Name, string Meter, string Kind, string? Unit, string? Description, IReadOnlyList<SeriesView> Series);
