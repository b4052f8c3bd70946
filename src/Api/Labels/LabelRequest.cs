namespace Visco.Api.Labels;

/// <summary>A lab reference for a sample; at least one of the reference values.</summary>
/// <param name="ReferenceViscosityLow">Reference viscosity at low shear (mPa·s).</param>
/// <param name="ReferenceViscosityHigh">Reference viscosity at high shear (mPa·s).</param>
/// <param name="ReferenceClass">Reference class: normal, elevated, hyperviscous or invalid-sample.</param>
/// <param name="Source">Where the reference comes from, e.g. the lab instrument.</param>
public sealed record LabelRequest(double? ReferenceViscosityLow, double? ReferenceViscosityHigh, string? ReferenceClass, string Source);
