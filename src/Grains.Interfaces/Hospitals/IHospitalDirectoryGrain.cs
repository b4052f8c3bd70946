using Visco.Runtime.Abstractions;

namespace Visco.Grains.Interfaces.Hospitals;

/// <summary>
/// The registry of hospital ids, one grain keyed <see cref="DefaultKey"/>: every hospital adds itself when it is
/// created, so the hospitals can be listed (ids in ordinal order, paged by cursor) without scanning grain storage.
/// </summary>
[Alias("hospital-directory")]
public interface IHospitalDirectoryGrain : IGrainWithStringKey
{
    /// <summary>The key of the one directory.</summary>
    const string DefaultKey = "all";

    /// <summary>Adds a hospital (again does nothing).</summary>
    [Alias("add")]
    Task Add(string hospitalId, CancellationToken cancellationToken = default);

    /// <summary>A page of hospital ids in ordinal order after the cursor.</summary>
    /// <exception cref="Results.InvalidCursorException">The cursor is not one this directory issued.</exception>
    [Alias("list")]
    Task<HospitalIdPage> List(string? cursor, int limit, CancellationToken cancellationToken = default);

    /// <summary>
    /// A page of the hospitals among <paramref name="only"/> that exist, in ordinal order after the cursor: a caller
    /// whose token names some hospitals gets full pages of those, not directory pages filtered afterwards.
    /// </summary>
    /// <exception cref="Results.InvalidCursorException">The cursor is not one this directory issued.</exception>
    [Alias("list-of")]
    Task<HospitalIdPage> ListOf(IReadOnlyList<string> only, string? cursor, int limit, CancellationToken cancellationToken = default);
}
