using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Visco.Api.Audit;
using Visco.Api.Auth;
using Visco.Api.Problems;
using Visco.Api.Results;
using Visco.Grains.Interfaces.Results;

namespace Visco.Api.Live;

/// <summary>Live results as server-sent events, resuming from <c>Last-Event-ID</c>; opening a feed is audited.</summary>
public static class LiveApi
{
    /// <summary>Maps the live routes under a <c>/hospitals/{hospitalId}</c> group.</summary>
    public static RouteGroupBuilder MapLiveApi(this RouteGroupBuilder hospital)
    {
        ArgumentNullException.ThrowIfNull(hospital);
        var group = hospital.MapHospitalScopedGroup("", ApiPolicies.ReadResults, "Live");
        group.MapGet("/live", FollowHospital).WithName("FollowHospitalResults")
            .WithSummary("The hospital's results as they arrive (text/event-stream); resumes after Last-Event-ID.");
        group.MapGet("/devices/{deviceId}/live", FollowDevice).WithName("FollowDeviceResults")
            .WithSummary("A device's results as they arrive (text/event-stream); resumes after Last-Event-ID.");
        return hospital;
    }

    /// <summary>The hospital's live feed.</summary>
    public static Results<ServerSentEventsResult<StoredResult?>, ProblemHttpResult> FollowHospital(
        string hospitalId, [FromHeader(Name = "Last-Event-ID")] string? lastEventId, LiveFeed feed, HttpContext context) =>
        Follow(hospitalId, null, lastEventId, feed, context);

    /// <summary>A device's live feed; 404 when the device is not the hospital's.</summary>
    public static async Task<Results<ServerSentEventsResult<StoredResult?>, ProblemHttpResult>> FollowDevice(
        string hospitalId, string deviceId, [FromHeader(Name = "Last-Event-ID")] string? lastEventId,
        LiveFeed feed, DeviceOwnership ownership, HttpContext context)
    {
        return await ownership.BelongsToAsync(hospitalId, deviceId, context.RequestAborted)
            ? Follow(hospitalId, deviceId, lastEventId, feed, context)
            : ApiProblems.NotFound();
    }

    private static Results<ServerSentEventsResult<StoredResult?>, ProblemHttpResult> Follow(
        string hospitalId, string? deviceId, string? lastEventId, LiveFeed feed, HttpContext context)
    {
        if (!string.IsNullOrEmpty(lastEventId) && !LiveEventId.TryParse(lastEventId, out _))
        {
            return ApiProblems.BadRequest("Last-Event-ID is not an event id this feed sent.");
        }

        context.Response.Headers.CacheControl = "no-store";
        return TypedResults.ServerSentEvents(feed.FollowAsync(hospitalId, deviceId, lastEventId, context.RequestAborted));
    }
}
