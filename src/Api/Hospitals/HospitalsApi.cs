using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Visco.Api.Audit;
using Visco.Api.Auth;
using Visco.Api.Devices;
using Visco.Api.Problems;
using Visco.Grains.Interfaces.Hospitals;
using Visco.Runtime.Abstractions;

namespace Visco.Api.Hospitals;

/// <summary>Hospitals: create (ops) and read (callers whose token covers the hospital).</summary>
public static class HospitalsApi
{
    /// <summary>Maps <c>POST /hospitals</c> under the API group and <c>GET</c> under the hospital group.</summary>
    public static RouteGroupBuilder MapHospitalsApi(this RouteGroupBuilder api, RouteGroupBuilder hospital)
    {
        ArgumentNullException.ThrowIfNull(api);
        ArgumentNullException.ThrowIfNull(hospital);
        api.MapPost("/hospitals", CreateHospital).WithName("CreateHospital").WithTags("Hospitals")
            .RequireAuthorization(ApiPolicies.ManageHospitals)
            .AddEndpointFilter(new AuditFilter())
            .WithSummary("Creates a hospital (again with the same name changes nothing).");
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

    /// <summary>One hospital.</summary>
    public static async Task<Results<Ok<HospitalInfo>, ProblemHttpResult>> GetHospital(
        string hospitalId, IGrainFactory grains, CancellationToken cancellationToken)
    {
        var info = await grains.GetGrain<IHospitalGrain>(hospitalId).GetInfo(cancellationToken);
        return info is null ? ApiProblems.NotFound() : TypedResults.Ok(info);
    }
}
