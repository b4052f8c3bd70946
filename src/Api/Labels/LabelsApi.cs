using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using Visco.Api.Audit;
using Visco.Api.Auth;
using Visco.Api.Problems;
using Visco.Grains.Interfaces.Api;
using Visco.Grains.Interfaces.Measurements;
using Visco.Grains.Interfaces.Results;

namespace Visco.Api.Labels;

/// <summary>Lab reference values for a hospital's samples, feeding the training lake; mapped when an <see cref="ILabelStore"/> is registered.</summary>
public static class LabelsApi
{
    /// <summary>Maps the label routes under a <c>/hospitals/{hospitalId}</c> group.</summary>
    public static RouteGroupBuilder MapLabelsApi(this RouteGroupBuilder hospital)
    {
        ArgumentNullException.ThrowIfNull(hospital);
        var group = hospital.MapHospitalScopedGroup("/samples/{sampleId}/labels", ApiPolicies.WriteLabels, "Labels");
        group.MapPost("", RecordLabel).WithName("RecordLabel").WithSummary("Records a lab reference for a sample of the hospital.");
        group.MapGet("", GetLabels).WithName("GetLabels").WithSummary("The lab references recorded for a sample.");
        return hospital;
    }

    /// <summary>Records a label; 404 when the hospital has no such sample.</summary>
    public static async Task<Results<Created<SampleLabel>, ProblemHttpResult>> RecordLabel(
        string hospitalId, string sampleId, LabelRequest request, IResultStore results, ILabelStore labels,
        IOptions<ApiAuthOptions> auth, TimeProvider time, HttpContext context, CancellationToken cancellationToken)
    {
        if (Validate(request) is { } error)
        {
            return ApiProblems.BadRequest(error);
        }

        if ((await results.FindBySampleAsync(hospitalId, sampleId, cancellationToken)).Count == 0)
        {
            return ApiProblems.NotFound();
        }

        var label = new SampleLabel(
            hospitalId, sampleId, request.ReferenceViscosityLow, request.ReferenceViscosityHigh, request.ReferenceClass,
            request.Source, time.GetUtcNow(), ApiCaller.From(context.User, auth.Value).Subject);
        await labels.SaveAsync(label, cancellationToken);
        return TypedResults.Created($"/api/v1/hospitals/{hospitalId}/samples/{sampleId}/labels", label);
    }

    /// <summary>A sample's labels; 404 when the hospital has no such sample.</summary>
    public static async Task<Results<Ok<IReadOnlyList<SampleLabel>>, ProblemHttpResult>> GetLabels(
        string hospitalId, string sampleId, IResultStore results, ILabelStore labels, CancellationToken cancellationToken)
    {
        if ((await results.FindBySampleAsync(hospitalId, sampleId, cancellationToken)).Count == 0)
        {
            return ApiProblems.NotFound();
        }

        return TypedResults.Ok(await labels.FindAsync(hospitalId, sampleId, cancellationToken));
    }

    private static string? Validate(LabelRequest request)
    {
        if (string.IsNullOrWhiteSpace(request.Source) || request.Source.Length > 200)
        {
            return "source is required (at most 200 characters).";
        }

        if (request.ReferenceViscosityLow is null && request.ReferenceViscosityHigh is null && request.ReferenceClass is null)
        {
            return "Give at least one of referenceViscosityLow, referenceViscosityHigh, referenceClass.";
        }

        if (request.ReferenceViscosityLow is { } low && !(low is > 0 and < 1000)
            || request.ReferenceViscosityHigh is { } high && !(high is > 0 and < 1000))
        {
            return "Reference viscosities are mPa·s and must be between 0 and 1000 (exclusive).";
        }

        return request.ReferenceClass is { } referenceClass && !ResultClasses.All.Contains(referenceClass)
            ? $"referenceClass must be one of: {string.Join(", ", ResultClasses.All)}."
            : null;
    }
}
