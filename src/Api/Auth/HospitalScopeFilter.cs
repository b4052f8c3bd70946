using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Visco.Api.Problems;

namespace Visco.Api.Auth;

/// <summary>
/// Tenant isolation for every route under <c>/hospitals/{hospitalId}</c>: a caller whose token does not cover the
/// hospital gets the same 404 problem as for a hospital that does not exist, so it learns nothing about other tenants.
/// </summary>
internal sealed class HospitalScopeFilter(string policy) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var hospitalId = http.GetRouteValue("hospitalId") as string;
        var caller = ApiCaller.Of(http);
        if (hospitalId is null || !caller.CanAccessHospital(hospitalId, ApiPolicies.Roles[policy]))
        {
            return ApiProblems.NotFound();
        }

        return await next(context);
    }
}
