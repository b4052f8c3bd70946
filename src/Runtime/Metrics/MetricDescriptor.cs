namespace Visco.Runtime.Metrics;

/// <summary>An instrument as the collector knows it.</summary>
/// <param name="Meter">The meter's name.</param>
/// <param name="Name">The instrument's name (dotted, as declared).</param>
/// <param name="Unit">Its unit, if declared.</param>
/// <param name="Description">Its description.</param>
/// <param name="Kind">How its measurements aggregate.</param>
public sealed record MetricDescriptor(string Meter, string Name, string? Unit, string? Description, MetricKind Kind);
