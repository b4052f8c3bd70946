namespace Visco.Grains.Interfaces.Hospitals;

/// <summary>One page of hospital ids.</summary>
/// <param name="HospitalIds">The ids, in ordinal order.</param>
/// <param name="NextCursor">The cursor of the next page; null when this is the last.</param>
public sealed record HospitalIdPage(IReadOnlyList<string> HospitalIds, string? NextCursor);
