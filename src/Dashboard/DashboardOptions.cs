namespace Visco.Dashboard;

/// <summary>The dashboard's settings, from the configuration section <see cref="SectionName"/>.</summary>
public sealed class DashboardOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Visco:Dashboard";

    /// <summary>Who may open it (default <see cref="DashboardAccess.Auto"/>).</summary>
    public DashboardAccess Access { get; set; } = DashboardAccess.Auto;

    /// <summary>The role an authenticated user needs (default "ops").</summary>
    public string Role { get; set; } = "ops";

    /// <summary>How often the sampler turns running totals into rates while someone watches (default 1 s).</summary>
    public TimeSpan SampleInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How much history the charts keep (default 10 minutes).</summary>
    public TimeSpan History { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How long sampling goes on after the last viewer leaves, so a page reload keeps its charts (default 30 s).</summary>
    public TimeSpan Linger { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How many viewers may hold a live stream at once (default 32).</summary>
    public int MaxLiveClients { get; set; } = 32;
}
