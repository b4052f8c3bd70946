namespace Visco.Dashboard.Security;

/// <summary>The names the dashboard's access control is known by.</summary>
public static class DashboardAuthorization
{
    /// <summary>
    /// The ASP.NET Core authorization policy guarding every dashboard endpoint: an authenticated user in the role of
    /// <see cref="DashboardOptions.Role"/> ("ops"), or, in loopback mode, any request from this machine.
    /// </summary>
    public const string PolicyName = "Visco.Dashboard";
}
