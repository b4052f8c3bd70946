using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Visco.Api.Audit;
using Visco.Api.Auth;
using Visco.Api.Problems;
using Visco.Grains.Interfaces.Results;

namespace Visco.Api.Results;

/// <summary>Results of a hospital, a device or a sample, newest first with cursor paging; every read is audited.</summary>
public static class ResultsApi
{
    /// <summary>Maps the results routes under a <c>/hospitals/{hospitalId}</c> group.</summary>
    public static RouteGroupBuilder MapResultsApi(this RouteGroupBuilder hospital)
    {
        ArgumentNullException.ThrowIfNull(hospital);
        var group = hospital.MapHospitalScopedGroup("", ApiPolicies.ReadResults, "Results");
        group.MapGet("/results", GetHospitalResults).WithName("GetHospitalResults")
            .WithSummary("A hospital's results, newest first; filter by received time, page by cursor; raw sweeps with sweep=true.");
        group.MapGet("/devices/{deviceId}/results", GetDeviceResults).WithName("GetDeviceResults")
            .WithSummary("A device's results, newest first; filter by received time, page by cursor; raw sweeps with sweep=true.");
        group.MapGet("/samples/{sampleId}/results", GetSampleResults).WithName("GetSampleResults")
            .WithSummary("The results of a sample (one per device that measured it).");
        return hospital;
    }

    /// <summary>A hospital's results.</summary>
    public static async Task<Results<Ok<ResultPage>, ProblemHttpResult>> GetHospitalResults(
        string hospitalId, DateTimeOffset? from, DateTimeOffset? to, string? cursor, int? limit, bool? sweep,
        IResultStore store, CancellationToken cancellationToken)
    {
        if (!ResultPaging.TryCreate(from, to, cursor, limit, sweep, out var query, out var error))
        {
            return ApiProblems.BadRequest(error!);
        }

        try
        {
            return TypedResults.Ok(await store.QueryByHospitalAsync(hospitalId, query, cancellationToken));
        }
        catch (InvalidCursorException)
        {
            return ApiProblems.BadRequest("The cursor is not one this API issued.");
        }
    }

    /// <summary>
    /// A device's results; 404 when the device is not the hospital's. The store writes the page straight into JSON
    /// (the API's most frequent read: no page objects in between).
    /// </summary>
    public static async Task<Results<JsonPageResult, ProblemHttpResult>> GetDeviceResults(
        string hospitalId, string deviceId, DateTimeOffset? from, DateTimeOffset? to, string? cursor, int? limit, bool? sweep,
        IResultStore store, DeviceOwnership ownership, HttpContext http, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        if (!ResultPaging.TryCreate(from, to, cursor, limit, sweep, out var query, out var error))
        {
            return ApiProblems.BadRequest(error!);
        }

        if (!await ownership.BelongsToAsync(hospitalId, deviceId, cancellationToken))
        {
            return ApiProblems.NotFound();
        }

        var page = new JsonPageResult();
        http.Response.RegisterForDispose(page);
        try
        {
            await store.WriteDevicePageAsync(hospitalId, deviceId, query, page, cancellationToken);
            return page;
        }
        catch (InvalidCursorException)
        {
            return ApiProblems.BadRequest("The cursor is not one this API issued.");
        }
    }

    /// <summary>A sample's results; 404 when the hospital has none.</summary>
    public static async Task<Results<Ok<IReadOnlyList<StoredResult>>, ProblemHttpResult>> GetSampleResults(
        string hospitalId, string sampleId, IResultStore store, CancellationToken cancellationToken)
    {
        var results = await store.FindBySampleAsync(hospitalId, sampleId, cancellationToken);
        return results.Count == 0 ? ApiProblems.NotFound() : TypedResults.Ok(results);
    }
}
