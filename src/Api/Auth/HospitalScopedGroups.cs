using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Visco.Api.Audit;

namespace Visco.Api.Auth;

/// <summary>
/// The one way an area maps routes under <c>/hospitals/{hospitalId}</c>: the policy both authorizes the route and
/// scopes it to the caller's hospitals (stated once, so the two cannot drift apart), and every call is audited.
/// </summary>
internal static class HospitalScopedGroups
{
    /// <summary>A group under the hospital group, guarded by <paramref name="policy"/>, audited and tagged.</summary>
    public static RouteGroupBuilder MapHospitalScopedGroup(this RouteGroupBuilder hospital, string prefix, string policy, string tag) =>
        hospital.MapGroup(prefix)
            .RequireAuthorization(policy)
            .AddEndpointFilter(new AuditFilter())
            .AddEndpointFilter(new HospitalScopeFilter(policy))
            .WithTags(tag);
}
