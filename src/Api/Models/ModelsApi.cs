using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using Visco.Api.Audit;
using Visco.Api.Auth;
using Visco.Api.Problems;
using Visco.Grains.Interfaces.Models;
using Visco.Runtime.Abstractions;

namespace Visco.Api.Models;

/// <summary>Model versions with their metrics (data-scientist, ops) and activation (data-scientist, audited).</summary>
public static class ModelsApi
{
    /// <summary>Maps <c>/models</c> under the API group.</summary>
    public static RouteGroupBuilder MapModelsApi(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        var group = api.MapGroup("/models").AddEndpointFilter(new AuditFilter()).WithTags("Models");
        group.MapGet("", GetModels).WithName("GetModels").RequireAuthorization(ApiPolicies.ReadModels)
            .WithSummary("Registered model versions with metrics, and the active version.");
        group.MapPost("/{version}/activate", ActivateModel).WithName("ActivateModel").RequireAuthorization(ApiPolicies.ActivateModels)
            .WithSummary("Makes a registered version the active one; the inference pool swaps to it without dropping calls.");
        return api;
    }

    /// <summary>The versions and the active one.</summary>
    public static async Task<Ok<ModelCatalog>> GetModels(IGrainFactory grains, CancellationToken cancellationToken) =>
        TypedResults.Ok(await LoadAsync(grains.GetGrain<IModelRegistryGrain>(IModelRegistryGrain.DefaultKey), cancellationToken));

    /// <summary>Activates a version.</summary>
    public static async Task<Results<Ok<ModelCatalog>, ProblemHttpResult>> ActivateModel(
        string version, IGrainFactory grains, IOptions<ApiAuthOptions> auth, HttpContext context, CancellationToken cancellationToken)
    {
        var registry = grains.GetGrain<IModelRegistryGrain>(IModelRegistryGrain.DefaultKey);
        try
        {
            await registry.Activate(version, ApiCaller.From(context.User, auth.Value).Subject, cancellationToken);
        }
        catch (ModelVersionNotFoundException)
        {
            return ApiProblems.NotFound();
        }

        return TypedResults.Ok(await LoadAsync(registry, cancellationToken));
    }

    private static async Task<ModelCatalog> LoadAsync(IModelRegistryGrain registry, CancellationToken cancellationToken)
    {
        var versions = await registry.GetVersions(cancellationToken);
        return new ModelCatalog(await registry.GetActiveVersion(cancellationToken), versions);
    }
}
