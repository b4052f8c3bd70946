using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;

namespace Visco.Dashboard.Security;

/// <summary>Grants the dashboard to an ops-role user, or to a local request when the resolved access is loopback.</summary>
internal sealed class DashboardAccessHandler(DashboardAccessResolver access) : AuthorizationHandler<DashboardAccessRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, DashboardAccessRequirement requirement)
    {
        var user = context.User;
        if (user.Identity?.IsAuthenticated == true && user.IsInRole(access.Role))
        {
            context.Succeed(requirement);
        }
        else if (access.Resolve() == DashboardAccess.Loopback && context.Resource is HttpContext http && LocalRequest.IsLocal(http))
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}
