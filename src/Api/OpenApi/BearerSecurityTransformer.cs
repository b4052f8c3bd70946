using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Visco.Api.OpenApi;

/// <summary>Names the document and declares the bearer scheme every operation uses.</summary>
internal sealed class BearerSecurityTransformer : IOpenApiDocumentTransformer
{
    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info.Title = "ViscoOrleans API";
        document.Info.Description = "Results, live feeds, devices (commands and desired configuration), models, hospitals and the audit log. JWT bearer (ES256 by default); errors are RFC 7807 problems.";
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes["Bearer"] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            BearerFormat = "JWT",
            Description = "An access token from the deployment's authority (or the silo's mint-token verb).",
        };
        document.Security ??= [];
        document.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("Bearer", document)] = [] });
        return Task.CompletedTask;
    }
}
