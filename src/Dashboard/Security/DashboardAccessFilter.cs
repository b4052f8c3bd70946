using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;

namespace Visco.Dashboard.Security;

/// <summary>
/// Enforces <see cref="DashboardAuthorization.PolicyName"/> in loopback mode. The authorization middleware cannot: with
/// no authentication scheme it has nobody to challenge, and a fallback policy must not lock out the local operator.
/// </summary>
internal sealed class DashboardAccessFilter(IAuthorizationService authorization, DashboardAccessResolver access) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var result = await authorization.AuthorizeAsync(http.User, http, DashboardAuthorization.PolicyName);
        if (result.Succeeded)
        {
            return await next(context);
        }

        if (access.HasAuthentication)
        {
            return http.User.Identity?.IsAuthenticated == true ? Results.Forbid() : Results.Challenge();
        }

        return TypedResults.Problem(
            statusCode: StatusCodes.Status403Forbidden,
            title: "The dashboard is open only to this machine.",
            detail: $"Open it from localhost, or configure authentication and present a token with the '{access.Role}' role.");
    }
}
