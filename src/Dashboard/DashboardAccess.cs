namespace Visco.Dashboard;

/// <summary>Who may open the dashboard.</summary>
public enum DashboardAccess
{
    /// <summary>
    /// Loopback when the host has no authentication scheme (the embedded default on a laptop), the ops role as soon as
    /// one is configured.
    /// </summary>
    Auto,

    /// <summary>Requests from a loopback address without credentials (and ops-role users from anywhere).</summary>
    Loopback,

    /// <summary>Only authenticated users in the ops role, wherever they connect from.</summary>
    Role,
}
