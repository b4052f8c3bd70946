using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Visco.Api.Audit;
using Visco.Api.Auth;
using Visco.Api.Devices;
using Microsoft.Extensions.Options;
using Visco.Api.Problems;
using Visco.Grains.Interfaces.Hospitals;
using Visco.Grains.Interfaces.Results;
using Visco.Runtime.Abstractions;

namespace Visco.Api.Hospitals;

/// <summary>Hospitals: create and list (ops) and read (callers whose token covers the hospital).</summary>
public static class HospitalsApi
{
    /// <summary>The largest page of <c>GET /hospitals</c> (each item reads one hospital grain).</summary>
    public const int MaxListLimit = 500;
    /// <summary>Maps <c>POST</c> and <c>GET /hospitals</c> under the API group and <c>GET</c> under the hospital group.</summary>
    public static RouteGroupBuilder MapHospitalsApi(this RouteGroupBuilder api, RouteGroupBuilder hospital)
    {
        ArgumentNullException.ThrowIfNull(api);
        ArgumentNullException.ThrowIfNull(hospital);
        api.MapPost("/hospitals", CreateHospital).WithName("CreateHospital").WithTags("Hospitals")
            .RequireAuthorization(ApiPolicies.ManageHospitals)
            .AddEndpointFilter(new AuditFilter())
            .WithSummary("Creates a hospital (again with the same name changes nothing).");
        api.MapGet("/hospitals", ListHospitals).WithName("ListHospitals").WithTags("Hospitals")
            .RequireAuthorization(ApiPolicies.ListHospitals)
            .AddEndpointFilter(new AuditFilter())
            .WithSummary("The hospitals the caller's token covers, in id order, paged by cursor.");
        hospital.MapGet("", GetHospital).WithName("GetHospital").WithTags("Hospitals")
            .RequireAuthorization(ApiPolicies.ReadHospitals)
            .AddEndpointFilter(new AuditFilter())
            .AddEndpointFilter(new HospitalScopeFilter(ApiPolicies.ReadHospitals))
            .WithSummary("A hospital: name, creation time and device count.");
        return api;
    }

    /// <summary>Creates a hospital.</summary>
    public static async Task<Results<Created<HospitalInfo>, Ok<HospitalInfo>, ProblemHttpResult>> CreateHospital(
        CreateHospitalRequest request, IGrainFactory grains, CancellationToken cancellationToken)
    {
        if (!DeviceIds.IsValid(request.HospitalId))
        {
            return ApiProblems.BadRequest("hospitalId must be 1-64 ASCII letters, digits, '-', '_' or '.'.");
        }

        if (string.IsNullOrWhiteSpace(request.Name) || request.Name.Length > 200)
        {
            return ApiProblems.BadRequest("name is required (at most 200 characters).");
        }

        var hospital = grains.GetGrain<IHospitalGrain>(request.HospitalId);
        if (await hospital.GetInfo(cancellationToken) is { } existing)
        {
            return existing.Name == request.Name
                ? TypedResults.Ok(existing)
                : ApiProblems.Conflict("A hospital with this id exists under another name.");
        }

        await hospital.Create(request.Name, cancellationToken);
        var created = await hospital.GetInfo(cancellationToken);
        return TypedResults.Created($"/api/v1/hospitals/{request.HospitalId}", created);
    }

    /// <summary>A page of hospitals from the directory, keeping those the caller's token covers.</summary>
    public static async Task<Results<Ok<HospitalPage>, ProblemHttpResult>> ListHospitals(
        string? cursor, int? limit, IGrainFactory grains, IOptions<ApiAuthOptions> auth, HttpContext context,
        CancellationToken cancellationToken)
    {
        if (limit is < 1 or > MaxListLimit)
        {
            return ApiProblems.BadRequest($"limit must be between 1 and {MaxListLimit}.");
        }

        if (cursor is { Length: > 512 })
        {
            return ApiProblems.BadRequest("The cursor is not one this API issued.");
        }

        var caller = ApiCaller.From(context.User, auth.Value);
        var roles = ApiPolicies.Roles[ApiPolicies.ListHospitals];

        // A token naming hospitals is paged over those (full pages); one covering all pages the whole directory.
        var named = caller.CoversAllHospitals(roles) ? null : caller.Hospitals.Where(id => caller.CanAccessHospital(id, roles)).ToArray();
        HospitalIdPage page;
        try
        {
            var directory = grains.GetGrain<IHospitalDirectoryGrain>(IHospitalDirectoryGrain.DefaultKey);
            var from = string.IsNullOrEmpty(cursor) ? null : cursor;
            page = named is null
                ? await directory.List(from, limit ?? 100, cancellationToken)
                : await directory.ListOf(named, from, limit ?? 100, cancellationToken);
        }
        catch (InvalidCursorException)
        {
            return ApiProblems.BadRequest("The cursor is not one this API issued.");
        }

        // Every id of the page is the caller's: all of them for a token covering all, else only the ones it names.
        var infos = await Task.WhenAll(page.HospitalIds.Select(id => grains.GetGrain<IHospitalGrain>(id).GetInfo(cancellationToken)));
        return TypedResults.Ok(new HospitalPage(infos.OfType<HospitalInfo>().ToArray(), page.NextCursor));
    }

    /// <summary>One hospital.</summary>
    public static async Task<Results<Ok<HospitalInfo>, ProblemHttpResult>> GetHospital(
        string hospitalId, IGrainFactory grains, CancellationToken cancellationToken)
    {
        var info = await grains.GetGrain<IHospitalGrain>(hospitalId).GetInfo(cancellationToken);
        return info is null ? ApiProblems.NotFound() : TypedResults.Ok(info);
    }
}
