using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Visco.Api.Auth;
using Visco.Api.Problems;
using Visco.Grains.Interfaces.Api;
using Visco.Grains.Interfaces.Results;

namespace Visco.Api.Audit;

/// <summary>The audit log, for ops: newest first, filtered by time, subject or hospital, paged by cursor.</summary>
public static class AuditApi
{
    /// <summary>Maps <c>/audit</c> under the API group.</summary>
    public static RouteGroupBuilder MapAuditApi(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        api.MapGet("/audit", GetAudit).WithName("GetAuditLog").WithTags("Audit")
            .RequireAuthorization(ApiPolicies.ReadAudit)
            .AddEndpointFilter(new AuditFilter())
            .WithSummary("Audit entries, newest first.");
        return api;
    }

    /// <summary>A page of audit entries.</summary>
    public static async Task<Results<Ok<AuditPage>, ProblemHttpResult>> GetAudit(
        DateTimeOffset? from, DateTimeOffset? to, string? subject, string? hospitalId, string? cursor, int? limit,
        IAuditLog log, CancellationToken cancellationToken)
    {
        if (limit is < 1 or > AuditQuery.MaxLimit)
        {
            return ApiProblems.BadRequest($"limit must be between 1 and {AuditQuery.MaxLimit}.");
        }

        try
        {
            return TypedResults.Ok(await log.QueryAsync(
                new AuditQuery(from, to, subject, hospitalId, string.IsNullOrEmpty(cursor) ? null : cursor, limit ?? 100), cancellationToken));
        }
        catch (InvalidCursorException)
        {
            return ApiProblems.BadRequest("The cursor is not one this API issued.");
        }
    }
}
