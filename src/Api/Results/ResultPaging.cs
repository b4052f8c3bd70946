using Visco.Grains.Interfaces.Results;

namespace Visco.Api.Results;

/// <summary>Turns paging query parameters into a <see cref="ResultQuery"/>, or says what is wrong with them.</summary>
internal static class ResultPaging
{
    public const int DefaultLimit = 100;

    public static bool TryCreate(
        DateTimeOffset? from, DateTimeOffset? to, string? cursor, int? limit, bool? sweep, out ResultQuery query, out string? error)
    {
        query = new ResultQuery(from, to, string.IsNullOrEmpty(cursor) ? null : cursor, limit ?? DefaultLimit, sweep ?? false);
        error = limit is < 1 or > ResultQuery.MaxLimit
            ? $"limit must be between 1 and {ResultQuery.MaxLimit}."
            : from is not null && to is not null && from >= to
                ? "from must be earlier than to."
                : cursor is { Length: > 512 }
                    ? "The cursor is not one this API issued."
                    : null;
        return error is null;
    }
}
