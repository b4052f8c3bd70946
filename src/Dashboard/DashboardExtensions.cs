using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Visco.Dashboard.Endpoints;
using Visco.Dashboard.Sampling;
using Visco.Dashboard.Security;
using Visco.Dashboard.Snapshots;
using Visco.Runtime.Hosting;

namespace Visco.Dashboard;

/// <summary>Adds the operator dashboard to the silo.</summary>
public static class DashboardExtensions
{
    /// <summary>The path the dashboard is served at.</summary>
    public const string Path = "/dashboard";

    /// <summary>
    /// Registers the dashboard's options (section "Visco:Dashboard", validated at start-up), its sampler and the
    /// <see cref="DashboardAuthorization.PolicyName"/> policy. Needs the runtime's MetricsCollector and a TimeProvider
    /// (AddViscoRuntime registers both).
    /// </summary>
    public static IHostApplicationBuilder AddViscoDashboard(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<DashboardOptions>().Bind(builder.Configuration.GetSection(DashboardOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<Microsoft.Extensions.Options.IValidateOptions<DashboardOptions>, DashboardOptionsValidator>();
        services.AddSingleton<DashboardAccessResolver>();
        services.AddSingleton<IAuthorizationHandler, DashboardAccessHandler>();
        services.AddSingleton(provider => new SnapshotBuilder(provider.GetService<SiloHost>(), SnapshotBuilder.CurrentProcessStart()));
        services.AddSingleton<DashboardSampler>();
        services.AddAuthorization(options => options.AddPolicy(
            DashboardAuthorization.PolicyName, policy => policy.AddRequirements(new DashboardAccessRequirement())));
        return builder;
    }

    /// <summary>
    /// Maps <c>/dashboard</c> (the page), <c>/dashboard/assets/*</c> and the statistics under <c>/dashboard/api/</c>
    /// (<c>snapshot</c>, <c>history</c>, and the server-sent events stream <c>live</c>), all behind the access policy.
    /// Throws at start-up when the options are invalid or role access is demanded without authentication.
    /// </summary>
    public static IEndpointRouteBuilder MapViscoDashboard(this IEndpointRouteBuilder endpoints)
    {
        var access = endpoints.ServiceProvider.GetRequiredService<DashboardAccessResolver>();
        var group = endpoints.MapGroup(Path).WithTags("Dashboard").ExcludeFromDescription();
        if (access.Resolve() == DashboardAccess.Role)
        {
            group.RequireAuthorization(DashboardAuthorization.PolicyName);
        }
        else
        {
            group.AllowAnonymous().AddEndpointFilter<DashboardAccessFilter>();
        }

        group.MapRoutes();
        return endpoints;
    }
}
