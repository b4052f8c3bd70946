using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Visco.Dashboard.Security;

/// <summary>
/// Turns <see cref="DashboardAccess.Auto"/> into loopback or role once, when the host has finished registering
/// authentication: with no scheme there is nobody to ask for a token, so only this machine may look.
/// </summary>
internal sealed class DashboardAccessResolver(IOptions<DashboardOptions> options, IOptions<AuthenticationOptions> authentication)
{
    private DashboardAccess? _resolved;

    /// <summary>The role an authenticated user needs.</summary>
    public string Role => options.Value.Role;

    /// <summary>Whether the host registered any authentication scheme.</summary>
    public bool HasAuthentication => authentication.Value.Schemes.Any();

    /// <summary>Loopback or role; throws when role is demanded and nothing can authenticate.</summary>
    public DashboardAccess Resolve()
    {
        if (_resolved is { } resolved)
        {
            return resolved;
        }

        var configured = options.Value.Access;
        var result = configured switch
        {
            DashboardAccess.Auto => HasAuthentication ? DashboardAccess.Role : DashboardAccess.Loopback,
            _ => configured,
        };
        if (result == DashboardAccess.Role && !HasAuthentication)
        {
            throw new OptionsValidationException(
                DashboardOptions.SectionName,
                typeof(DashboardOptions),
                [$"{DashboardOptions.SectionName}:Access is Role but the host has no authentication scheme; add one (e.g. JWT bearer) or set Access to Loopback or Auto."]);
        }

        _resolved = result;
        return result;
    }
}
