namespace Visco.Dashboard.Sampling;

/// <summary>A time-series chart the sampler keeps history for.</summary>
/// <param name="Id">Stable id the page finds it by.</param>
/// <param name="Title">Its title.</param>
/// <param name="Unit">The unit of its points.</param>
/// <param name="Sources">Its lines.</param>
internal sealed record ChartDefinition(string Id, string Title, string Unit, IReadOnlyList<ChartLineSource> Sources);
