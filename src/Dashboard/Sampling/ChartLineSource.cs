namespace Visco.Dashboard.Sampling;

/// <summary>Where a chart's lines come from: one instrument, summed, or one line per value of a tag.</summary>
/// <param name="Label">The line's name, or the prefix of the tag value when grouped.</param>
/// <param name="Instrument">The instrument's name.</param>
/// <param name="Measure">What to plot.</param>
/// <param name="GroupBy">A tag to split lines by, or null to sum every series.</param>
/// <param name="Scale">A factor applied to every point (units, percent).</param>
internal sealed record ChartLineSource(string? Label, string Instrument, ChartMeasure Measure, string? GroupBy = null, double Scale = 1);
