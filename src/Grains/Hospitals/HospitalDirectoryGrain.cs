using System.Buffers.Text;
using System.Text;
using Visco.Grains.Interfaces.Hospitals;
using Visco.Grains.Interfaces.Results;
using Visco.Runtime.Abstractions;
using Visco.Runtime.Abstractions.State;

namespace Visco.Grains.Hospitals;

/// <summary>
/// The registry of hospital ids (one activation, key "all"). Hospitals number in the hundreds to thousands, so a sorted
/// set in one grain's state is enough; each add is written at once. Paging is by key: the cursor is the last id of the
/// previous page, so a hospital added meanwhile is neither skipped nor repeated.
/// </summary>
[GrainType("hospital-directory")]
internal sealed class HospitalDirectoryGrain(
    [PersistentState("hospital-directory")] IPersistentState<HospitalDirectoryState> state) : Grain, IHospitalDirectoryGrain
{
    private const string CursorPrefix = "h:";

    /// <inheritdoc />
    public async Task Add(string hospitalId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(hospitalId);
        var ids = state.State.HospitalIds;
        var index = ids.BinarySearch(hospitalId, StringComparer.Ordinal);
        if (index < 0)
        {
            ids.Insert(~index, hospitalId);
            await state.WriteStateAsync(cancellationToken);
        }
    }

    /// <inheritdoc />
    public Task<HospitalIdPage> List(string? cursor, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        var ids = state.State.HospitalIds;
        var start = 0;
        if (cursor is not null)
        {
            var after = ids.BinarySearch(Decode(cursor), StringComparer.Ordinal);
            start = after >= 0 ? after + 1 : ~after;
        }

        return Task.FromResult(Page(ids.Skip(start), limit));
    }

    /// <inheritdoc />
    public Task<HospitalIdPage> ListOf(IReadOnlyList<string> only, string? cursor, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(only);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        var after = cursor is null ? null : Decode(cursor);
        var ids = state.State.HospitalIds;
        var wanted = only
            .Where(id => (after is null || string.CompareOrdinal(id, after) > 0) && ids.BinarySearch(id, StringComparer.Ordinal) >= 0)
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal);
        return Task.FromResult(Page(wanted, limit));
    }

    private static HospitalIdPage Page(IEnumerable<string> ids, int limit)
    {
        var page = ids.Take(limit + 1).ToList();
        var more = page.Count > limit;
        var items = more ? page[..limit] : page;
        return new HospitalIdPage(items, more ? Encode(items[^1]) : null);
    }

    private static string Encode(string hospitalId) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(CursorPrefix + hospitalId));

    private static string Decode(string cursor)
    {
        try
        {
            var text = cursor.Length <= 200 ? Encoding.UTF8.GetString(Base64Url.DecodeFromChars(cursor)) : string.Empty;
            if (text.Length > CursorPrefix.Length && text.StartsWith(CursorPrefix, StringComparison.Ordinal))
            {
                return text[CursorPrefix.Length..];
            }
        }
        catch (FormatException)
        {
            // Falls through to the one answer for every bad cursor.
        }

        throw new InvalidCursorException("The cursor is not one this API issued.");
    }
}
