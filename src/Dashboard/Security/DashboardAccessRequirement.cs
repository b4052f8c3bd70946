using Microsoft.AspNetCore.Authorization;

namespace Visco.Dashboard.Security;

/// <summary>The requirement behind <see cref="DashboardAuthorization.PolicyName"/>; <see cref="DashboardAccessHandler"/> decides it.</summary>
internal sealed class DashboardAccessRequirement : IAuthorizationRequirement;
