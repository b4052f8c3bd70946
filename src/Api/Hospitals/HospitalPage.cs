using Visco.Grains.Interfaces.Hospitals;

namespace Visco.Api.Hospitals;

/// <summary>One page of hospitals.</summary>
/// <param name="Items">The hospitals, in ordinal order of their ids (only those the caller's token covers).</param>
/// <param name="NextCursor">The cursor of the next page; null when this is the last.</param>
public sealed record HospitalPage(IReadOnlyList<HospitalInfo> Items, string? NextCursor);
