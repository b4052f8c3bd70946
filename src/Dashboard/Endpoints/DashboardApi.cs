using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Hosting;
using Microsoft.Net.Http.Headers;
using Visco.Dashboard.Sampling;

namespace Visco.Dashboard.Endpoints;

/// <summary>The page, its assets, and the statistics it reads.</summary>
internal static class DashboardApi
{
    /// <summary>Maps the dashboard's routes on a group already guarded by the access policy.</summary>
    public static RouteGroupBuilder MapRoutes(this RouteGroupBuilder group)
    {
        group.MapGet("/", Page).WithName("DashboardPage");
        group.MapGet("/assets/{file}", Asset).WithName("DashboardAsset");
        group.MapGet("/api/snapshot", Snapshot).WithName("DashboardSnapshot");
        group.MapGet("/api/history", History).WithName("DashboardHistory");
        group.MapGet("/api/live", Live).WithName("DashboardLive");
        return group;
    }

    private static IResult Page(HttpContext http)
    {
        var asset = DashboardAssets.Find("index.html")
            ?? throw new InvalidOperationException("The dashboard page is not embedded in Visco.Dashboard; the build lost Assets/index.html.");

        // Asset URLs are absolute so the page works at /dashboard and /dashboard/ alike, under any path base.
        var html = Encoding.UTF8.GetString(asset.Content).Replace("{{base}}", $"{http.Request.PathBase}/dashboard", StringComparison.Ordinal);
        http.Response.Headers.CacheControl = "no-store";
        return TypedResults.Content(html, asset.ContentType);
    }

    private static Results<FileContentHttpResult, StatusCodeHttpResult, NotFound> Asset(string file, HttpContext http)
    {
        if (DashboardAssets.Find(file) is not { } asset || file == "index.html")
        {
            return TypedResults.NotFound();
        }

        http.Response.Headers.ETag = asset.ETag;
        http.Response.Headers.CacheControl = "no-cache";
        if (http.Request.Headers.IfNoneMatch == asset.ETag)
        {
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        }

        return TypedResults.File(asset.Content, asset.ContentType);
    }

    private static ContentHttpResult Snapshot(DashboardSampler sampler, HttpContext http)
    {
        http.Response.Headers.CacheControl = "no-store";
        return TypedResults.Content(sampler.LatestJson(), "application/json; charset=utf-8");
    }

    private static ContentHttpResult History(DashboardSampler sampler, HttpContext http)
    {
        http.Response.Headers.CacheControl = "no-store";
        return TypedResults.Content(sampler.HistoryJson(), "application/json; charset=utf-8");
    }

    private static async Task<IResult> Live(DashboardSampler sampler, HttpContext http, IHostApplicationLifetime lifetime)
    {
        using var viewer = sampler.Join();
        if (viewer is null)
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status503ServiceUnavailable,
                title: "Too many live dashboard viewers.",
                detail: "Close another dashboard tab, or raise Visco:Dashboard:MaxLiveClients.");
        }

        var response = http.Response;
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-store";
        response.Headers["X-Accel-Buffering"] = "no";
        http.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();

        // A live stream never ends by itself; the host's stopping token ends it so shutdown does not wait for it.
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, lifetime.ApplicationStopping);
        try
        {
            await WriteEvent(response, "history", sampler.HistoryJson(), stop.Token);
            await WriteEvent(response, "snapshot", sampler.LatestJson(), stop.Token);
            await foreach (var json in viewer.Snapshots.ReadAllAsync(stop.Token))
            {
                await WriteEvent(response, "snapshot", json, stop.Token);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // The viewer closed the page or the host is stopping: the stream simply ends.
        }

        return TypedResults.Empty;
    }

    private static async Task WriteEvent(HttpResponse response, string name, string json, CancellationToken cancellationToken)
    {
        // JSON from System.Text.Json has no raw newlines, so one data line carries the whole event.
        await response.WriteAsync($"event: {name}\ndata: {json}\n\n", cancellationToken);
        await response.Body.FlushAsync(cancellationToken);
    }
}
